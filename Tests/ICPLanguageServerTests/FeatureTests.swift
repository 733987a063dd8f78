import Foundation
import Testing
@testable import ICPCore
@testable import ICPLanguageServer

/// Hover, completion, inlay hints, code lens, code actions, symbols and `icp/preview`, in process,
/// on the built-in sample (files under /tmp have no workspace file).
struct FeatureTests {
    static let base = """
        icp: demo
        name: Demo 🚀
        status: live
        tiers: {A: 60, B: 0}
        parameters:
          - field: industry
            mode: filter
            in: [Software, Fintech]
          - field: employees
            mode: filter
            min: 200
            weight: 2
          - field: tech_stack
            mode: score
            in: [salesforce]
          - field: is_customer
            mode: exclude
            is: true

        """

    private func opened(_ text: String, name: String = "demo") async -> (TestClient, String) {
        let client = TestClient()
        _ = await client.initialize()
        let uri = "file:///tmp/icp-lsp-test/\(name).icp.yaml"
        await client.open(uri, text)
        return (client, uri)
    }

    @Test func hoverShowsTheHeadlineAParameterAFieldAndAValue() async throws {
        let marked = MarkedDocument(Self.base.replacingOccurrences(of: "icp: demo", with: "icp: d1️⃣emo")
            .replacingOccurrences(of: "  - field: employees", with: "  - field: empl2️⃣oyees")
            .replacingOccurrences(of: "min: 200", with: "m3️⃣in: 200")
            .replacingOccurrences(of: "in: [Software", with: "in: [Soft4️⃣ware"))
        let (client, uri) = await opened(marked.text)
        func hover(_ marker: String) async -> String {
            await client.request("textDocument/hover", TestClient.document(uri, at: marked.positions[marker]!))["result"]?["contents"]?["value"]?.stringValue ?? ""
        }
        #expect(await hover("1️⃣").contains("records qualify"))
        #expect(await hover("2️⃣").contains("**employees** · number · present in 5,000 of 5,000"))
        let parameter = await hover("3️⃣")
        #expect(parameter.contains("**filter** on `employees`: at least 200"))
        #expect(parameter.contains("without it:"))
        #expect(parameter.contains("median"))
        #expect(await hover("4️⃣").contains("records have `Software` in `industry`"))
    }

    @Test func completionOffersModesFieldsValuesAndKeys() async throws {
        let marked = MarkedDocument("""
            icp: c
            parameters:
              - field: industry
                mode: 1️⃣
                in: [Fin, Soft2️⃣]
              - field: 3️⃣
                mode: filter
                is: x
              - field: tech_stack
                mode: score
                all_of:
                  - sales4️⃣
              - field: country
                5️⃣
            6️⃣
            """)
        let (client, uri) = await opened(marked.text, name: "completion")
        func labels(_ marker: String) async -> [JSONValue] {
            await client.request("textDocument/completion", TestClient.document(uri, at: marked.positions[marker]!))["result"]?["items"]?.arrayValue ?? []
        }
        #expect(await labels("1️⃣").compactMap { $0["label"]?.stringValue } == ["filter", "score", "exclude"])
        let values = await labels("2️⃣")
        let software = try #require(values.first { $0["label"]?.stringValue == "Software" })
        #expect(software["labelDetails"]?["description"]?.stringValue?.hasSuffix("records") == true)
        #expect(values.first?["label"]?.stringValue == "Software", "most frequent first")
        // The edit replaces exactly the typed word `Soft`: `    in: [Fin, ` is 14 characters.
        #expect(software["textEdit"]?["range"]?["start"]?["character"]?.intValue == 14)
        #expect(software["textEdit"]?["range"]?["end"]?["character"]?.intValue == 18)
        let fields = await labels("3️⃣")
        #expect(fields.contains { $0["label"]?.stringValue == "revenue_usd" && $0["detail"]?.stringValue?.hasPrefix("number") == true })
        let elements = await labels("4️⃣").compactMap { $0["label"]?.stringValue }
        #expect(elements.contains("salesforce") && elements.contains("slack"))
        let keys = await labels("5️⃣").compactMap { $0["label"]?.stringValue }
        #expect(keys.contains("mode") && keys.contains("is") && !keys.contains("field"))
        let top = await labels("6️⃣").compactMap { $0["label"]?.stringValue }
        #expect(top.contains("min_score") && top.contains("tiers") && !top.contains("icp") && !top.contains("parameters"))
    }

    @Test func inlayHintsShowTheRunningFunnel() async throws {
        let (client, uri) = await opened(Self.base)
        let range: JSONValue = .object(["start": TestClient.position(0, 0), "end": TestClient.position(100, 0)])
        let hints = await client.request("textDocument/inlayHint", .object(["textDocument": .object(["uri": .string(uri)]), "range": range]))["result"]?.arrayValue ?? []
        let labels = hints.compactMap { $0["label"]?.stringValue }
        #expect(labels.count == 4)
        #expect(labels[0].hasPrefix("→ ") && labels[0].hasSuffix(" left"))
        #expect(labels[2].hasPrefix("✓ ") && labels[2].hasSuffix("% of qualified"))
        #expect(labels[3].hasPrefix("−") && labels[3].hasSuffix(" excluded"))
        #expect(hints[0]["position"]?["line"]?.intValue == 7)
    }

    @Test func codeLensAndPreviewAgreeWithTheEngine() async throws {
        let (client, uri) = await opened(Self.base)
        let lens = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue?.first
        let preview = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]
        let qualified = try #require(preview?["qualified"]?.intValue)
        #expect(preview?["total"]?.intValue == 5_000)
        #expect(preview?["stale"]?.boolValue == false)
        #expect(lens?["command"]?["title"]?.stringValue?.hasPrefix("\(CountFormat.grouped(qualified)) qualified") == true)
        #expect((preview?["funnel"]?.arrayValue?.count ?? 0) == 4)
    }

    @Test func aSyntaxErrorKeepsTheLastPreviewAndSaysItIsStale() async throws {
        let (client, uri) = await opened(Self.base)
        let before = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?["qualified"]
        await client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri), "version": .int(2)]),
            "contentChanges": .array([.object(["text": .string(Self.base + "  - field: \"open\n")])]),
        ]))
        #expect(client.diagnostics(uri)?["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "syntax" } == true)
        let after = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]
        #expect(after?["qualified"] == before)
        #expect(after?["stale"]?.boolValue == true)
        let lens = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue?.first
        #expect(lens?["command"]?["title"]?.stringValue?.hasSuffix("(last valid version)") == true)
    }

    @Test func codeActionsFixFindingsAndRewriteModes() async throws {
        let text = Self.base.replacingOccurrences(of: "field: industry", with: "field: industy")
        let (client, uri) = await opened(text)
        let diagnostics = client.diagnostics(uri)?["diagnostics"] ?? .array([])
        func actions(_ line: Int, _ character: Int) async -> [JSONValue] {
            let range: JSONValue = .object(["start": TestClient.position(line, character), "end": TestClient.position(line, character)])
            return await client.request("textDocument/codeAction", .object([
                "textDocument": .object(["uri": .string(uri)]), "range": range, "context": .object(["diagnostics": diagnostics]),
            ]))["result"]?.arrayValue ?? []
        }
        let onField = await actions(5, 14)
        let replace = try #require(onField.first { $0["title"]?.stringValue == "Replace `industy` with `industry`" })
        #expect(replace["edit"]?["changes"]?[uri]?.arrayValue?.first?["newText"]?.stringValue == "industry")
        #expect(onField.contains { $0["title"]?.stringValue?.hasPrefix("Make this filter a score (") == true })
        let onWeight = await actions(11, 13)
        let removal = try #require(onWeight.first { $0["title"]?.stringValue == "Remove the ignored weight" })
        let edit = removal["edit"]?["changes"]?[uri]?.arrayValue?.first
        #expect(edit?["range"]?["start"] == TestClient.position(11, 0))
        #expect(edit?["range"]?["end"] == TestClient.position(12, 0))
        let zero = await actions(0, 6)
        #expect(zero.contains { $0["title"]?.stringValue?.hasPrefix("Remove the filter on `industy` (line 6): ") == true })
    }

    @Test func documentSymbolsOutlineTheICP() async throws {
        let (client, uri) = await opened(Self.base)
        let symbols = await client.request("textDocument/documentSymbol", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue
        let root = try #require(symbols?.first)
        #expect(root["name"]?.stringValue == "demo")
        #expect(root["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["filter industry", "filter employees", "score tech_stack", "exclude is_customer"])
    }
}
