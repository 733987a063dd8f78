import Foundation
import Testing
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPFeatures
import ICPWorkspace

/// The feature layer on marked positions, with no protocol in between: a text carries markers
/// (`1️⃣`, `2️⃣`...) where the cursor is put, and each test asserts the exact answer there (the
/// whole hover, the list of completion labels, the titles of the code actions).
struct FeatureLayerTests {
    static let csv = """
        id,name,industry,employees,region,stage
        a1,Acme,Software,120,EMEA,won
        a2,Beta,Software,40,EMEA,lost
        a3,Gamma,Retail,900,APAC,won
        a4,Delta,Fintech,300,EMEA,lost
        a5,Epsilon,Software,,APAC,won

        """

    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"]

    /// The text without its markers, and each marker's byte offset in it.
    static func unmarked(_ marked: String) -> (text: String, offsets: [String: Int]) {
        var text = marked
        var offsets: [String: Int] = [:]
        while let found = markers.compactMap({ marker in text.range(of: marker).map { (marker, $0) } }).min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            offsets[found.0] = text[..<found.1.lowerBound].utf8.count
            text.removeSubrange(found.1)
        }
        return (text, offsets)
    }

    /// A snapshot of `text` evaluated on ``csv`` as of 2026-11-30, as the server would hold it.
    static func snapshot(_ marked: String, name: String = "a.icp.yaml", csv: String = csv) throws -> (FileSnapshot, [String: Int]) {
        let (text, offsets) = unmarked(marked)
        let config = WorkspaceDocument(text: "outcome:\n  field: stage\n  won: [won]\n  lost: [lost]\n").config
        let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts.csv", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: CalendarDate(year: 2026, month: 11, day: 30)!))
        let data = EvaluationData(engine: engine, datasetName: "accounts.csv", onSample: false, files: [URL(fileURLWithPath: "/w/accounts.csv")])
        let document = ICPDocument(text: text, format: SourceFormat(fileName: name))
        let evaluated = document.icp.map { Evaluated(icp: $0, evaluation: engine.evaluate($0), data: data, source: document.source) }
        let diagnostics = document.check(in: CheckContext(asOf: engine.settings.asOf)) + DataChecks.fieldsAndValues(of: document.icp!, engine: engine, datasetName: "accounts.csv")
            + (evaluated.map { DataChecks.counts(of: $0.icp, evaluation: $0.evaluation, accounts: store, thresholds: CheckThresholds()) } ?? [])
        let snapshot = FileSnapshot(url: URL(fileURLWithPath: "/w/\(name)"), version: 1, document: document, diagnostics: diagnostics,
                                    current: evaluated, lastGood: evaluated, data: data, loadingNote: nil, base: nil)
        return (snapshot, offsets)
    }

    static let icp = """
        icp: s1️⃣ample
        parameters:
          - field: indu2️⃣stry
            mode: filter
            in: [Soft3️⃣ware, Fintech]
          - field: employees
            mode: fi4️⃣lter
            min: 100
          - 5️⃣
        """

    @Test func hoversSayExactlyThis() throws {
        let (snapshot, at) = try Self.snapshot(Self.icp)
        #expect(HoverFeature.hover(at: at["1️⃣"]!, in: snapshot)?.markdown == """
            **2** of 5 records qualify (40.0%) · **sample** · sample (draft)  \nWin rate 50.0% vs 60.0% baseline (lift 0.8×) · won coverage 33.3%  \nEnriched 100% · on accounts.csv
            """)
        #expect(HoverFeature.hover(at: at["2️⃣"]!, in: snapshot)?.markdown == """
            **industry** · text · present in 5 of 5 records (100.0%)  \ntop values: Software (3) · Fintech (1) · Retail (1)
            """)
        #expect(HoverFeature.hover(at: at["3️⃣"]!, in: snapshot)?.markdown == "**3** of 5 records have `Software` in `industry`.")
        let parameter = try #require(HoverFeature.hover(at: at["4️⃣"]!, in: snapshot)?.markdown)
        #expect(parameter.hasPrefix("**filter** on `employees`: at least 100 · matches **3** of 5 (60.0%)  \nremoves "), "\(parameter)")
    }

    /// On a column read from an export, the hover says how: the unit and what `min: 1` means, how
    /// a band counts, the yes/no letters, the date order and what settled it, and the questions left.
    @Test func hoversSayHowAnExportWasRead() throws {
        let export = """
            id;Revenue ($M);Employees;Active;Since;Valuation;stage
            a1;1,5;51-200;Y;25/03/2019;12;won
            a2;12;1,001-5,000;N;03/04/2020;30;lost
            a3;0,8;51-200;N;01/02/2018;7;won
            a4;40;10,000+;Y;14/11/2021;-;lost

            """
        let (snapshot, at) = try Self.snapshot("""
            icp: e
            parameters:
              - {field: Revenue (1️⃣$M), mode: filter, min: 1}
              - {field: Employ2️⃣ees, mode: filter, min: 51}
              - {field: Act3️⃣ive, mode: score, is: true}
              - {field: Sin4️⃣ce, mode: score, min: 2019-01-01}
              - {field: Valua5️⃣tion, mode: score, exists: true}
            """, csv: export)
        func hover(_ marker: String) -> String { HoverFeature.hover(at: at[marker]!, in: snapshot)?.markdown ?? "" }
        #expect(hover("1️⃣").contains("values in USD, millions: `min: 1` means 1,000,000"), "\(hover("1️⃣"))")
        #expect(hover("2️⃣").contains("bands: `51-200` counts as at least 51 and at most 200"), "\(hover("2️⃣"))")
        #expect(hover("3️⃣").contains("yes/no written as `Y` and `N`: write `is: true` or `is: false`"), "\(hover("3️⃣"))")
        #expect(hover("4️⃣").contains("dates read day first (DD/MM/YYYY), as values such as `25/03/2019` show"), "\(hover("4️⃣"))")
        #expect(hover("5️⃣").contains("⚠ `Valuation` holds numbers, but 1 cell says `-`"), "\(hover("5️⃣"))")
    }

    @Test func completionsOfferExactlyThis() throws {
        let (snapshot, at) = try Self.snapshot(Self.icp)
        let keys = CompletionFeature.completions(at: at["5️⃣"]!, in: snapshot).items.map(\.label)
        #expect(keys == ["parameter", "field", "mode", "weight", "label", "missing", "decay", "is", "in", "all_of", "min", "max", "contains_any", "exists", "within_days"])
        let (values, valueAt) = try Self.snapshot("icp: s\nparameters:\n  - field: industry\n    mode: filter\n    in: [Software, 1️⃣]\n")
        #expect(CompletionFeature.completions(at: valueAt["1️⃣"]!, in: values).items.map(\.label) == ["Fintech", "Retail"])
        let (modes, modeAt) = try Self.snapshot("icp: s\nparameters:\n  - field: industry\n    mode: 1️⃣\n")
        #expect(CompletionFeature.completions(at: modeAt["1️⃣"]!, in: modes).items.map(\.label) == ["filter", "score", "exclude"])
    }

    @Test func codeActionsAreTitledExactlyThis() throws {
        let (snapshot, at) = try Self.snapshot(Self.icp)
        let titles = CodeActionFeature.candidates(from: at["4️⃣"]!, to: at["4️⃣"]!, in: snapshot).map(\.title)
        // As a score, industry alone gates: a1, a2, a4, a5; as an exclude, the 100+ leave: a2, a5.
        #expect(titles == ["Make this filter a score (4 would qualify, now 2)", "Turn this filter into an exclude (2 would qualify, now 2)"], "\(titles)")
        #expect(CodeActionFeature.rangeFilter(at: at["4️⃣"]!, in: snapshot) == 1)
        let widening = try #require(CodeActionFeature.widening(of: 1, in: snapshot))
        #expect(widening.title == "Widen this range to include the 1 nearest misses (min 40: 3 would qualify, now 2)", "\(widening.title)")
        let (typo, typoAt) = try Self.snapshot("icp: s\nparameters:\n  - field: industy1️⃣\n    mode: filter\n    is: Software\n")
        #expect(CodeActionFeature.candidates(from: typoAt["1️⃣"]!, to: typoAt["1️⃣"]!, in: typo).map(\.title)
                == ["Replace `industy` with `industry`", "Make this filter a score (5 would qualify, now 0)", "Turn this filter into an exclude (5 would qualify, now 0)"])
    }

    @Test func lensesAndHintsAreExactlyThis() throws {
        let (snapshot, _) = try Self.snapshot(Self.icp)
        #expect(LensFeature.lenses(of: snapshot, document: "uri").map(\.title) == ["2 qualified (40.0%) · win 0.8× baseline", "2 accounts", "2 won outside"])
        #expect(HintFeature.hints(in: snapshot, lines: 0, 100).map(\.label) == ["→ 4 left", "→ 2 left"])
    }
}
