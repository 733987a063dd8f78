import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import Dispatch
import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the language server over standard input and output.
public enum ServerLoop {
    /// Serves until the client says `exit` or closes standard input; returns the exit code
    /// (0 after `shutdown`, 1 otherwise). Nothing but framed messages reaches standard output:
    /// the real stdout is kept for the protocol and file descriptor 1 is pointed at stderr,
    /// so stray output from anywhere lands in the log instead of corrupting the stream.
    public static func run(today: CalendarDate) async -> Int32 {
        let protocolOutput = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let connection = Connection.fileDescriptor(protocolOutput)
        return await serve(input: STDIN_FILENO, connection: connection, today: today)
    }

    /// Serves messages read from `input` until `exit` or end of input.
    public static func serve(input: Int32, connection: Connection, today: CalendarDate) async -> Int32 {
        let cancellations = CancellationRegistry()
        let server = LanguageServer(connection: connection, cancellations: cancellations, today: today)
        // Messages read but not yet handled: while some wait, edits are analyzed together.
        let backlog = Backlog()
        let messages = AsyncStream<(IncomingMessage, Int)> { continuation in
            // A thread of its own, with room for the JSON decoder's recursion into deep messages.
            ReaderThread.start(stackSize: 8 << 20) {
                read(input, connection: connection, cancellations: cancellations) { message, size in
                    backlog.enter(size)
                    continuation.yield((message, size))
                }
                continuation.finish()
            }
        }
        for await (message, size) in messages {
            let waiting = backlog.leave(size)
            guard await server.handle(message, moreWaiting: waiting) else { break }
        }
        return await server.exitCode
    }

    /// Messages read and not yet handled. The reader stops reading while they hold more than
    /// ``maximumBytes`` or number more than ``maximumCount``, so a client that sends faster
    /// than the server handles fills the pipe (and waits), not the server's memory.
    final class Backlog: Sendable {
        static let maximumBytes = 16 << 20
        static let maximumCount = 1_000
        private let state = Mutex((bytes: 0, count: 0, readerWaits: false))
        /// Signalled when a message leaves while the reader waits (there is one reader).
        private let room = DispatchSemaphore(value: 0)

        /// Counts a message in; blocks the reader while the backlog is full.
        func enter(_ size: Int) {
            while true {
                let entered = state.withLock { state in
                    guard state.count == 0 || (state.count < Self.maximumCount && state.bytes + size <= Self.maximumBytes) else {
                        state.readerWaits = true
                        return false
                    }
                    state.bytes += size
                    state.count += 1
                    return true
                }
                if entered { return }
                room.wait()
            }
        }

        /// Counts a message out; whether others still wait.
        func leave(_ size: Int) -> Bool {
            let (others, wake) = state.withLock { state in
                state.bytes -= size
                state.count -= 1
                defer { state.readerWaits = false }
                return (state.count > 0, state.readerWaits)
            }
            if wake { room.signal() }
            return others
        }
    }

    /// Reads and frames `input` until its end, handing each message on. Unreadable JSON is
    /// answered -32700 at once; `$/cancelRequest` is registered as soon as it arrives.
    private static func read(_ input: Int32, connection: Connection, cancellations: CancellationRegistry, deliver: (IncomingMessage, Int) -> Void) {
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            for frame in framer.feed(Data(buffer[0..<count])) {
                switch frame {
                case .malformed(let reason):
                    // No id can be read from a broken frame, so nothing can be answered: say it in the log and the client's.
                    _ = try? FileDescriptor.standardError.writeAll("icp lsp: ignored input: \(reason)\n".utf8)
                    connection.notify("window/logMessage", .object(["type": .int(2), "message": .string("icp lsp ignored input: \(reason)")]))
                case .message(let body):
                    guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
                        connection.respond(nil, error: ResponseError(.parseError, "the message is not valid JSON"))
                        continue
                    }
                    let message = IncomingMessage(json)
                    switch message {
                    case .request(let id, _, _): cancellations.arrived(id)
                    case .notification("$/cancelRequest", let params):
                        if let id = try? params?.decode(CancelParams.self).id { cancellations.cancel(id) }
                    default: break
                    }
                    deliver(message, body.count)
                }
            }
        }
    }
}

/// C's `read`, which the method `read` above would otherwise shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// A detached POSIX thread with a stack of a given size (FoundationEssentials has no `Thread`).
enum ReaderThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    static func start(stackSize: Int, _ run: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let started = pthread_create(&thread, &attributes, { context in
            #if canImport(Darwin)
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            #else
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            #endif
            return nil
        }, context)
        if started != 0 {
            // No thread of its own to be had: a worker thread, with its default stack, rather than none.
            Unmanaged<Body>.fromOpaque(context).release()
            DispatchQueue.global().async(execute: run)
        }
    }
}
