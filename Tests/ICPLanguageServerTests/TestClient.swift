import Foundation
import Synchronization
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace

/// Speaks to a ``LanguageServer`` in process: sends messages, collects what it sends back.
final class TestClient: Sendable {
    let server: LanguageServer
    let cancellations = CancellationRegistry()
    private let inbox = Inbox()
    private let nextID = Mutex(100)

    /// What the server sent, re-framed and parsed as a client would.
    final class Inbox: Sendable {
        let framer = Mutex(MessageFramer())
        let messages = Mutex<[JSONValue]>([])

        func receive(_ data: Data) {
            let frames = framer.withLock { $0.feed(data) }
            for case .message(let body) in frames {
                if let json = try? JSONDecoder().decode(JSONValue.self, from: body) { messages.withLock { $0.append(json) } }
            }
        }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    init(today: CalendarDate = CalendarDate(year: 2026, month: 11, day: 22)!) {
        let inbox = self.inbox
        let connection = Connection { data in inbox.receive(data) }
        server = LanguageServer(connection: connection, cancellations: cancellations, today: today)
    }

    init(fileSystem: any FileSystem, clock: @escaping @Sendable () -> CalendarDate) {
        let inbox = self.inbox
        let connection = Connection { data in inbox.receive(data) }
        server = LanguageServer(connection: connection, cancellations: cancellations, fileSystem: fileSystem, clock: clock)
    }

    /// Sends a request and returns its response (`result` or `error` object).
    @discardableResult
    func request(_ method: String, _ params: JSONValue?) async -> JSONValue {
        let id = nextID.withLock { value -> Int in
            value += 1
            return value
        }
        _ = await server.handle(.request(id: .number(id), method: method, params: params))
        await server.waitUntilIdle()
        return inbox.messages.withLock { messages in messages.last { $0["id"]?.intValue == id && $0["method"] == nil } } ?? .null
    }

    /// Sends a notification, then waits for the data reads it started (the settled state).
    func notify(_ method: String, _ params: JSONValue?) async {
        _ = await server.handle(.notification(method: method, params: params))
        await server.waitUntilIdle()
    }

    func initialize(encodings: [String] = [], capabilities: JSONValue = .object([:]), root: URL? = nil) async -> JSONValue {
        var capabilities = capabilities
        if case .object(var object) = capabilities {
            object["general"] = .object(["positionEncodings": .array(encodings.map { .string($0) })])
            capabilities = .object(object)
        }
        var params: [String: JSONValue] = ["capabilities": capabilities]
        if let root { params["rootUri"] = .string(root.absoluteString) }
        let response = await request("initialize", .object(params))
        await notify("initialized", .object([:]))
        return response
    }

    func open(_ uri: String, _ text: String, version: Int = 1) async {
        await notify("textDocument/didOpen", .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("yaml"), "version": .int(version), "text": .string(text),
        ])]))
    }

    /// The code actions offered at `position` of `uri`, given the client's `diagnostics` there.
    func codeActions(_ uri: String, at position: JSONValue, diagnostics: JSONValue = .array([])) async -> [JSONValue] {
        await request("textDocument/codeAction", .object([
            "textDocument": .object(["uri": .string(uri)]), "range": .object(["start": position, "end": position]),
            "context": .object(["diagnostics": diagnostics]),
        ]))["result"]?.arrayValue ?? []
    }

    /// Everything the server sent, in order.
    var messages: [JSONValue] { inbox.messages.withLock { $0 } }

    /// The last diagnostics published for `uri`.
    func diagnostics(_ uri: String) -> JSONValue? {
        messages.last { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri }?["params"]
    }

    static func position(_ line: Int, _ character: Int) -> JSONValue {
        .object(["line": .int(line), "character": .int(character)])
    }

    static func document(_ uri: String, at position: JSONValue) -> JSONValue {
        .object(["textDocument": .object(["uri": .string(uri)]), "position": position])
    }

    /// A `file://` URI for a fixture path, opened with its text from disk unless `text` is given.
    static func uri(_ path: String) -> String {
        fixtures.appendingPathComponent(path).absoluteString
    }
}

/// Text with markers (1️⃣...) taken out, and each marker's LSP position in UTF-16.
struct MarkedDocument {
    let text: String
    let positions: [String: JSONValue]

    init(_ marked: String) {
        var text = marked
        var positions: [String: JSONValue] = [:]
        for marker in ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"] {
            guard let range = text.range(of: marker) else { continue }
            let before = text[..<range.lowerBound]
            let line = before.filter { $0 == "\n" }.count
            let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            positions[marker] = TestClient.position(line, text[lineStart..<range.lowerBound].utf16.count)
            text.removeSubrange(range)
        }
        self.text = text
        self.positions = positions
    }
}
