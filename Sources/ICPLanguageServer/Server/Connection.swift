import FoundationEssentials
import Synchronization
import ICPDataset

/// Sends framed JSON-RPC messages to the client: the only writer of the protocol stream.
public final class Connection: Sendable {
    private let write: @Sendable (Data) -> Void
    private let lock = Mutex(())

    /// A connection that hands each framed message to `write`.
    public init(write: @escaping @Sendable (Data) -> Void) {
        self.write = write
    }

    /// A connection writing to a file descriptor (the real stdout, moved aside at start).
    public static func fileDescriptor(_ descriptor: Int32) -> Connection {
        Connection { data in
            // A write that fails means the client is gone: nothing is left to tell.
            _ = data.withUnsafeBytes { DescriptorWriting.writeAll(descriptor, $0) }
        }
    }

    func send(_ message: JSONValue) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let body = try? encoder.encode(message) else { return }
        let framed = MessageFramer.frame(body)
        lock.withLock { _ in write(framed) }
    }

    func respond(_ id: RequestID?, result: JSONValue) {
        send(.object(["jsonrpc": .string("2.0"), "id": id?.json ?? .null, "result": result]))
    }

    func respond(_ id: RequestID?, error: ResponseError) {
        send(.object([
            "jsonrpc": .string("2.0"), "id": id?.json ?? .null,
            "error": .object(["code": .int(error.code.rawValue), "message": .string(error.message)]),
        ]))
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }

    func request(_ id: Int, _ method: String, _ params: JSONValue) {
        send(.object(["jsonrpc": .string("2.0"), "id": .int(id), "method": .string(method), "params": params]))
    }
}

/// Requests the client cancelled (`$/cancelRequest`), filled by the reader as messages arrive,
/// so a request still waiting its turn is answered -32800 instead of computed.
///
/// Only ids of requests that were read and not yet handled are kept: a cancellation for an id
/// never sent, or already answered, is dropped, so memory stays bounded by the queue.
public final class CancellationRegistry: Sendable {
    private struct State {
        var waiting = Set<RequestID>()
        var cancelled = Set<RequestID>()
    }

    private let state = Mutex(State())

    public init() {}

    /// A request was read and waits to be handled.
    func arrived(_ id: RequestID) {
        state.withLock { _ = $0.waiting.insert(id) }
    }

    /// The client cancelled `id`; remembered only while that request waits.
    func cancel(_ id: RequestID) {
        state.withLock { state in
            if state.waiting.contains(id) { state.cancelled.insert(id) }
        }
    }

    /// Whether `id` was cancelled; its handling starts, so it is forgotten either way.
    func take(_ id: RequestID) -> Bool {
        state.withLock { state in
            state.waiting.remove(id)
            return state.cancelled.remove(id) != nil
        }
    }

    /// How many ids are remembered, waiting or cancelled (for tests of the bound).
    var count: Int {
        state.withLock { $0.waiting.count + $0.cancelled.count }
    }
}

