import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
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
        // The built-in sample has outcomes: the parameter's record on past deals, both sides counted.
        let record = try #require(parameter.split(separator: "\n").first { $0.contains("past deals") }, "\(parameter)")
        let counts = record.matches(of: /of ([0-9,]+)/).compactMap { Int($0.1.replacingOccurrences(of: ",", with: "")) }
        #expect(record.contains("it lets through") && record.contains("it holds back") && counts.count == 2, "\(record)")
        #expect(counts.reduce(0, +) == 1_900, "every decided account of the sample is on one side: \(record)")
        #expect(parameter.contains("median"))
        #expect(await hover("4️⃣").contains("records have `Software` in `industry`"))
    }

    /// Every completion context YAML has, with the same markers in a JSON file (half-typed: its
    /// brackets never close), and what each inserts in its own notation.
    @Test(arguments: [
        ("yaml", """
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
            """),
        ("json", """
            {"icp": "c",
             "parameters": [
              {"field": "industry",
               "mode": 1️⃣,
               "in": ["Fin", "Soft2️⃣"]},
              {"field": 3️⃣, "mode": "filter", "is": "x"},
              {"field": "tech_stack", "mode": "score",
               "all_of": [
                 "sales4️⃣"]},
              {"field": "country",
               5️⃣}],
             6️⃣
            """),
    ])
    func completionIsTheSameInYAMLAndJSON(format: String, text: String) async throws {
        let marked = MarkedDocument(text)
        let client = TestClient()
        _ = await client.initialize()
        let uri = "file:///tmp/icp-lsp-test/parity.icp.\(format)"
        await client.open(uri, marked.text)
        func items(_ marker: String) async -> [JSONValue] {
            await client.request("textDocument/completion", TestClient.document(uri, at: marked.positions[marker]!))["result"]?["items"]?.arrayValue ?? []
        }
        func inserted(_ item: JSONValue?) -> String? { item?["textEdit"]?["newText"]?.stringValue }
        let json = format == "json"

        let modes = await items("1️⃣")
        #expect(modes.compactMap { $0["label"]?.stringValue } == ["filter", "score", "exclude"])
        #expect(inserted(modes.first) == (json ? "\"filter\"" : "filter"))

        let values = await items("2️⃣")
        let software = try #require(values.first { $0["label"]?.stringValue == "Software" }, "\(format)")
        #expect(values.first?["label"]?.stringValue == "Software", "most frequent first")
        #expect(software["labelDetails"]?["description"]?.stringValue?.hasSuffix("records") == true)
        #expect(inserted(software) == (json ? "\"Software\"" : "Software"))
        // The edit replaces exactly what is typed: `Soft` in YAML, `"Soft"` with its quotes in JSON.
        let start = software["textEdit"]?["range"]?["start"]?["character"]?.intValue
        let end = software["textEdit"]?["range"]?["end"]?["character"]?.intValue
        #expect(start == (json ? 17 : 14) && end == (json ? 23 : 18), "\(format): \(String(describing: start))-\(String(describing: end))")

        let fields = await items("3️⃣")
        let revenue = try #require(fields.first { $0["label"]?.stringValue == "revenue_usd" }, "\(format)")
        #expect(revenue["detail"]?.stringValue?.hasPrefix("number") == true)
        #expect(inserted(revenue) == (json ? "\"revenue_usd\"" : "revenue_usd"))

        let elements = await items("4️⃣").compactMap { $0["label"]?.stringValue }
        // Filtered by what is typed: `sales` offers salesforce, not slack.
        #expect(elements.contains("salesforce") && !elements.contains("slack"), "\(format): \(elements.prefix(5))")

        let keys = await items("5️⃣")
        let labels = keys.compactMap { $0["label"]?.stringValue }
        #expect(labels.contains("mode") && labels.contains("is") && !labels.contains("field"), "\(format): \(labels)")
        #expect(inserted(keys.first { $0["label"]?.stringValue == "mode" }) == (json ? "\"mode\": " : "mode: "))

        let top = await items("6️⃣").compactMap { $0["label"]?.stringValue }
        #expect(top.contains("min_score") && top.contains("tiers") && !top.contains("icp") && !top.contains("parameters"), "\(format): \(top)")
    }

    /// Hover, inlay hints, code lens and code actions answer a JSON file as they answer the same
    /// ICP in YAML, at the same markers.
    @Test func jsonFilesGetWhatYAMLFilesGet() async throws {
        let yaml = MarkedDocument(Self.base.replacingOccurrences(of: "icp: demo", with: "icp: d1️⃣emo")
            .replacingOccurrences(of: "  - field: employees", with: "  - field: empl2️⃣oyees")
            .replacingOccurrences(of: "min: 200", with: "m3️⃣in: 200")
            .replacingOccurrences(of: "in: [Software", with: "in: [Soft4️⃣ware")
            .replacingOccurrences(of: "weight: 2", with: "weight: 5️⃣2"))
        let json = MarkedDocument("""
            {"icp": "d1️⃣emo", "name": "Demo 🚀", "status": "live", "tiers": {"A": 60, "B": 0},
             "parameters": [
              {"field": "industry", "mode": "filter", "in": ["Soft4️⃣ware", "Fintech"]},
              {"field": "empl2️⃣oyees", "mode": "filter", "m3️⃣in": 200, "weight": 5️⃣2},
              {"field": "tech_stack", "mode": "score", "in": ["salesforce"]},
              {"field": "is_customer", "mode": "exclude", "is": true}]}
            """)
        var answers: [[String]] = []
        for (document, name) in [(yaml, "parity.icp.yaml"), (json, "parity.icp.json")] {
            let client = TestClient()
            _ = await client.initialize()
            let uri = "file:///tmp/icp-lsp-test/\(name)"
            await client.open(uri, document.text)
            var answer: [String] = []
            for marker in ["1️⃣", "2️⃣", "3️⃣", "4️⃣"] {
                let hover = await client.request("textDocument/hover", TestClient.document(uri, at: document.positions[marker]!))
                answer.append(hover["result"]?["contents"]?["value"]?.stringValue ?? "no hover at \(marker)")
            }
            let whole: JSONValue = .object(["start": TestClient.position(0, 0), "end": TestClient.position(100, 0)])
            let hints = await client.request("textDocument/inlayHint", .object(["textDocument": .object(["uri": .string(uri)]), "range": whole]))["result"]?.arrayValue ?? []
            answer.append(hints.compactMap { $0["label"]?.stringValue }.joined(separator: " | "))
            let lenses = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue ?? []
            answer.append(lenses.compactMap { $0["command"]?["title"]?.stringValue }.joined(separator: " | "))
            let at = document.positions["5️⃣"]!
            let actions = await client.codeActions(uri, at: at)
            answer.append(actions.compactMap { $0["title"]?.stringValue }.sorted().joined(separator: " | "))
            answers.append(answer)
        }
        #expect(answers[0].count == answers[1].count)
        for (index, (fromYAML, fromJSON)) in zip(answers[0], answers[1]).enumerated() {
            #expect(!fromJSON.isEmpty && fromYAML == fromJSON, "answer \(index): YAML \(fromYAML) / JSON \(fromJSON)")
        }
        #expect(answers[1][4].hasPrefix("→ ") && answers[1][4].contains(" left"), "inlay hints in JSON: \(answers[1][4])")
        #expect(answers[1][6].contains("weight"), "a quick fix for the ignored weight in JSON: \(answers[1][6])")
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

    @Test func modeRewritesKeepJSONValid() async throws {
        let client = TestClient()
        _ = await client.initialize()
        let uri = "file:///tmp/icp-lsp-test/demo.icp.json"
        let text = "{\"icp\": \"demo\", \"parameters\": [\n  {\"field\": \"employees\", \"mode\": \"filter\", \"min\": 200}\n]}\n"
        await client.open(uri, text)
        let actions = await client.codeActions(uri, at: TestClient.position(1, 30))
        for prefix in ["Make this filter a score", "Turn this filter into an exclude", "Widen this range"] {
            let action = try #require(actions.first { $0["title"]?.stringValue?.hasPrefix(prefix) == true }, "\(prefix)")
            let edits = action["edit"]?["changes"]?[uri]?.arrayValue ?? []
            #expect(!edits.isEmpty)
            for edit in edits where prefix != "Widen this range" {
                #expect(edit["newText"]?.stringValue?.hasPrefix("\"") == true)
            }
        }
    }

    @Test func codeActionsFixFindingsAndRewriteModes() async throws {
        let text = Self.base.replacingOccurrences(of: "field: industry", with: "field: industy")
        let (client, uri) = await opened(text)
        let diagnostics = client.diagnostics(uri)?["diagnostics"] ?? .array([])
        func actions(_ line: Int, _ character: Int) async -> [JSONValue] {
            await client.codeActions(uri, at: TestClient.position(line, character), diagnostics: diagnostics)
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

extension FeatureTests {
    /// A value's hover count is the engine's: on a list column, `contains_any: [a]` counts each
    /// record once, however many of its elements contain `a` (it summed element counts: 1,310 of 500).
    @Test func aContainsAnyHoverOnAListCountsRecordsAsTheEngineDoes() async throws {
        let marked = MarkedDocument("icp: lists\nparameters:\n  - {field: tech_stack, mode: filter, contains_any: [1️⃣a]}\n")
        let (client, uri) = await opened(marked.text, name: "lists")
        let hover = await client.request("textDocument/hover", TestClient.document(uri, at: marked.positions["1️⃣"]!))["result"]?["contents"]?["value"]?.stringValue ?? ""
        let preview = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
        let qualified = try #require(preview["result"]?["qualified"]?.intValue)
        #expect(hover.hasPrefix("**\(CountFormat.grouped(qualified))** of 5,000 records contain `a`"), "\(hover) vs \(qualified) qualified")
    }
}
