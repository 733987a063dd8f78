import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset
@testable import ICPLanguageServer

/// The editor's `icp.explain` and `icp.accounts` and the lenses that run them, in process on
/// the built-in sample (files under /tmp have no workspace file).
struct AccountCommandServerTests {
    static let text = FeatureTests.base

    func opened(capabilities: JSONValue = .object([:])) async -> (TestClient, String) {
        let client = TestClient()
        _ = await client.initialize(capabilities: capabilities)
        let uri = "file:///tmp/icp-lsp-accounts/demo.icp.yaml"
        await client.open(uri, Self.text)
        return (client, uri)
    }

    func run(_ client: TestClient, _ command: String, _ arguments: [JSONValue]) async -> JSONValue {
        await client.request("workspace/executeCommand", .object(["command": .string(command), "arguments": .array(arguments)]))
    }

    /// The same accounts, in the same order, as `AccountList` on the same data.
    @Test(arguments: [AccountList.Kind.qualified, .misses, .wonOutside])
    func accountsAreTheListsOfTheCore(kind: AccountList.Kind) async throws {
        let (client, uri) = await opened()
        let result = await run(client, "icp.accounts", [.string(uri), .string(kind.rawValue), .int(20)])["result"]
        let markdown = try #require(result?["markdown"]?.stringValue, "\(String(describing: result))")
        let sample = SampleDataset.builtIn()
        var settings = EvaluationSettings(config: sample.config, today: SampleDataset.asOf)
        settings.asOf = SampleDataset.asOf
        let engine = Engine(accounts: sample.accounts, contacts: sample.contacts, settings: settings)
        let icp = try #require(ICPDocument(text: Self.text, format: .yaml).icp)
        let expected = AccountList.accounts(kind, icp: icp, evaluation: engine.evaluate(icp), engine: engine)
        let ids = try #require(engine.accounts.column(named: "id"))
        let listed = markdown.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { $0.split(separator: "`")[1] }.map(String.init)
        #expect(listed == expected.prefix(20).map { ids.text(atRow: $0.row) ?? "" })
        #expect(markdown.hasPrefix("# \(CountFormat.grouped(expected.count)) of 5,000 accounts"), "\(markdown.prefix(120))")
        #expect(result?["uri"] == .null, "no file for a client that does not open documents")
    }

    @Test func explainFindsAnAccountByKeyOrNameAndSaysWhy() async throws {
        let (client, uri) = await opened()
        let byKey = await run(client, "icp.explain", [.string(uri), .string("A000001")])["result"]?["markdown"]?.stringValue ?? ""
        #expect(byKey.hasPrefix("# `A000001` "), "\(byKey)")
        #expect(byKey.contains("| ✓ | filter `industry` |"))
        let byName = await run(client, "icp.explain", [.string(uri), .string("merac health")])["result"]?["markdown"]?.stringValue
        #expect(byName == byKey)
        let missing = await run(client, "icp.explain", [.string(uri), .string("Merac Helth")])
        #expect(missing["error"]?["message"]?.stringValue == "no account has id or name `Merac Helth` in the built-in sample; did you mean `A000001` (Merac Health)?")
        let bad = await run(client, "icp.accounts", [.string(uri), .string("everyone")])
        #expect(bad["error"]?["code"]?.intValue == -32602)
    }

    /// The lenses say how many accounts qualify and how many won deals the ICP misses, and run
    /// the command that lists them.
    @Test func lensesOpenTheAccounts() async throws {
        let (client, uri) = await opened()
        let lenses = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue ?? []
        let commands = lenses.compactMap { $0["command"] }
        let accounts = try #require(commands.first { $0["arguments"]?.arrayValue?.last == .string("qualified") })
        #expect(accounts["command"] == .string("icp.accounts"))
        #expect(accounts["title"]?.stringValue?.hasSuffix(" accounts") == true)
        let outside = try #require(commands.first { $0["arguments"]?.arrayValue?.last == .string("won-outside") })
        #expect(outside["title"]?.stringValue?.hasSuffix(" won outside") == true)
        let initialize = await TestClient().initialize()
        let advertised = initialize["result"]?["capabilities"]?["executeCommandProvider"]?["commands"]?.arrayValue ?? []
        #expect(advertised.contains(.string("icp.explain")) && advertised.contains(.string("icp.accounts")))
    }

    /// A client that opens documents is shown the markdown, from a file.
    @Test func aClientThatOpensDocumentsIsShownIt() async throws {
        let (client, uri) = await opened(capabilities: .object(["window": .object(["showDocument": .object(["support": .bool(true)])])]))
        let result = await run(client, "icp.accounts", [.string(uri), .string("won-outside")])["result"]
        let file = try #require(result?["uri"]?.stringValue.flatMap(URL.init(string:)))
        var shown: JSONValue?
        for _ in 0..<200 where shown == nil {
            shown = client.messages.last { $0["method"]?.stringValue == "window/showDocument" }
            if shown == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(shown?["params"]?["uri"]?.stringValue == file.absoluteString)
        #expect(try String(contentsOf: file, encoding: .utf8) == result?["markdown"]?.stringValue)
    }
}
