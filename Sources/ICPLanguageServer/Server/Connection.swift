import Foundation
import Synchronization

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
            data.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var written = 0
                while written < buffer.count {
                    let result = Foundation.write(descriptor, base + written, buffer.count - written)
                    if result <= 0 {
                        if result < 0, errno == EINTR { continue }
                        return
                    }
                    written += result
                }
            }
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
public final class CancellationRegistry: Sendable {
    private let cancelled = Mutex(Set<RequestID>())

    public init() {}

    func cancel(_ id: RequestID) {
        cancelled.withLock { _ = $0.insert(id) }
    }

    /// Whether `id` was cancelled; forgets it either way.
    func take(_ id: RequestID) -> Bool {
        cancelled.withLock { $0.remove(id) != nil }
    }
}
