import Foundation
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

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
            let reader = Thread {
                read(input, connection: connection, cancellations: cancellations) { message, size in
                    backlog.enter(size)
                    continuation.yield((message, size))
                }
                continuation.finish()
            }
            reader.stackSize = 8 << 20
            reader.start()
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
    final class Backlog: @unchecked Sendable {
        static let maximumBytes = 16 << 20
        static let maximumCount = 1_000
        private let condition = NSCondition()
        private var bytes = 0
        private var count = 0

        /// Counts a message in; blocks the reader while the backlog is full.
        func enter(_ size: Int) {
            condition.lock()
            while count > 0, count >= Self.maximumCount || bytes + size > Self.maximumBytes { condition.wait() }
            bytes += size
            count += 1
            condition.unlock()
        }

        /// Counts a message out; whether others still wait.
        func leave(_ size: Int) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            bytes -= size
            count -= 1
            condition.broadcast()
            return count > 0
        }
    }

    /// Reads and frames `input` until its end, handing each message on. Unreadable JSON is
    /// answered -32700 at once; `$/cancelRequest` is registered as soon as it arrives.
    private static func read(_ input: Int32, connection: Connection, cancellations: CancellationRegistry, deliver: (IncomingMessage, Int) -> Void) {
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            for frame in framer.feed(Data(buffer[0..<count])) {
                switch frame {
                case .malformed(let reason):
                    // No id can be read from a broken frame, so nothing can be answered: say it in the log and the client's.
                    FileHandle.standardError.write(Data("icp lsp: ignored input: \(reason)\n".utf8))
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
