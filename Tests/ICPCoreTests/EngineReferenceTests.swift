import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// The engine's figures against ``ReferenceEvaluator``'s row-by-row computation.
struct EngineReferenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let accountsCSV: String
        let missingValues: [String]
        let listFields: [String: String]
        let icpTexts: [String]
        let asOf: CalendarDate
        var missing: MissingPolicy = .fail
        var testDescription: String { name }
    }

    static let messyFolder = FixturePaths.root.appendingPathComponent("datasets/messy")

    static func icpFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { ICPFileName.matches($0) }.sorted()
            .compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Extra ICPs over the sample, one condition kind each at least, on every column type.
    static let sampleICPs = [
        "icp: a\nparameters:\n  - {field: industry, mode: filter, in: [software, FINTECH]}\n  - {field: employees, mode: score, min: 50, max: 500, weight: 2}\n  - {field: is_customer, mode: exclude, is: yes}\n",
        "icp: b\nmin_score: 50\ntiers: {x: 75, y: 50}\nparameters:\n  - {field: tech_stack, mode: score, all_of: [slack, jira]}\n  - {field: tech_stack, mode: score, contains_any: [sales]}\n  - {field: description, mode: score, contains_any: [Platform]}\n  - {field: revenue_usd, mode: filter, exists: true}\n",
        "icp: c\nparameters:\n  - {field: last_funding_date, mode: filter, within_days: 200}\n  - {field: created_at, mode: score, min: 2026-06-01}\n  - {field: headcount_growth, mode: score, max: 0}\n  - {field: country, mode: exclude, in: [US, \"NO\"]}\n",
        "icp: d\nparameters:\n  - {field: funding_stage, mode: filter, is: series b}\n  - {field: no_such_field, mode: score, exists: false}\n  - {field: founded_year, mode: score, is: 2019}\n",
        manyScores,
        // `missing` per parameter, on columns with missing values, every mode and policy.
        "icp: m\nmin_score: 40\ntiers: {high: 70, low: 40}\nparameters:\n  - {field: revenue_usd, mode: filter, min: 1000000, missing: neutral}\n  - {field: headcount_growth, mode: score, min: 10, weight: 3, missing: neutral}\n  - {field: funding_stage, mode: score, in: [Series A, Series B], weight: 2, missing: pass}\n  - {field: description, mode: score, contains_any: [platform], missing: neutral}\n  - {field: last_funding_date, mode: exclude, within_days: 30, missing: pass}\n  - {field: tech_stack, mode: exclude, in: [zendesk], missing: neutral}\n",
        // `decay` on dates, with `min_score` and tiers (records scored one by one), and with a neutral one.
        "icp: o\nmin_score: 30\ntiers: {hot: 60, warm: 30}\nparameters:\n  - {field: region, mode: filter, in: [EMEA, North America]}\n  - {field: last_funding_date, mode: score, within_days: 720, weight: 3, decay: {half_life_days: 90}}\n  - {field: created_at, mode: score, exists: true, weight: 2, decay: {half_life_days: 30}}\n  - {field: employees, mode: score, min: 200}\n",
        "icp: p\nparameters:\n  - {field: last_funding_date, mode: score, exists: true, decay: {half_life_days: 45}, missing: neutral}\n  - {field: funding_stage, mode: score, in: [Series B, Series C], missing: pass}\n",
        "icp: n\nparameters:\n  - {field: revenue_usd, mode: score, min: 5000000, missing: neutral}\n  - {field: headcount_growth, mode: score, min: 50, missing: neutral}\n  - {field: no_such_field, mode: score, is: x, missing: neutral}\n",
    ]

    /// 18 score parameters with uneven weights: more than 16, so scores go through the sparse subset path.
    static var manyScores: String {
        let tools = ["salesforce", "hubspot", "pipedrive", "snowflake", "bigquery", "slack", "zendesk", "intercom", "marketo", "segment", "stripe", "aws", "gcp", "azure", "jira", "notion"]
        var text = "icp: many\nmin_score: 35\ntiers: {a: 60, b: 35}\nparameters:\n  - {field: region, mode: filter, in: [EMEA, North America]}\n"
        for (index, tool) in tools.enumerated() { text += "  - {field: tech_stack, mode: score, in: [\(tool)], weight: \(1 + index % 5)}\n" }
        text += "  - {field: employees, mode: score, min: 200, weight: 2.5}\n  - {field: is_customer, mode: score, is: false, weight: 0.5}\n"
        return text
    }

    static var cases: [Case] {
        let messy = (try? String(contentsOf: messyFolder.appendingPathComponent("accounts.csv"), encoding: .utf8)) ?? ""
        let sample = SampleDataset(accounts: 5_000, seed: 42)
        let sampleICPs = icpFiles(in: FixturePaths.root.appendingPathComponent("icps")) + sampleICPs
        return [
            Case(name: "messy fixture", accountsCSV: messy, missingValues: ["N/A", "-"], listFields: ["tech stack": ";"],
                 icpTexts: icpFiles(in: messyFolder), asOf: CalendarDate(parsing: "2026-11-01")!),
            Case(name: "built-in sample", accountsCSV: sample.accountsCSV, missingValues: ["N/A", "-"], listFields: ["tech_stack": ";"],
                 icpTexts: sampleICPs, asOf: SampleDataset.asOf),
            Case(name: "built-in sample, missing: neutral for the workspace", accountsCSV: sample.accountsCSV, missingValues: ["N/A", "-"],
                 listFields: ["tech_stack": ";"], icpTexts: sampleICPs, asOf: SampleDataset.asOf, missing: .neutral),
            Case(name: "messy fixture, missing: pass for the workspace", accountsCSV: messy, missingValues: ["N/A", "-"], listFields: ["tech stack": ";"],
                 icpTexts: icpFiles(in: messyFolder), asOf: CalendarDate(parsing: "2026-11-01")!, missing: .pass),
        ]
    }

    /// The case's data loaded by the engine and read by the reference.
    static func prepare(_ testCase: Case) throws -> (ColumnStore, Engine, ReferenceTable, ReferenceEvaluator) {
        let overrides = testCase.listFields.mapValues { FieldOverride(type: .list, separator: $0) }
        let store = try DatasetLoader.load(Array(testCase.accountsCSV.utf8), name: "accounts", format: .csv,
                                           options: DatasetOptions(missingValues: testCase.missingValues, fields: overrides))
        let engine = Engine(accounts: store, settings: EvaluationSettings(asOf: testCase.asOf, missingPolicy: testCase.missing))
        let table = ReferenceTable(csv: testCase.accountsCSV, missingValues: testCase.missingValues,
                                   overrides: testCase.listFields.mapValues { (.list, $0) })
        return (store, engine, table, ReferenceEvaluator(table: table, asOf: testCase.asOf.daysSinceEpoch, missingDefault: testCase.missing))
    }

    @Test("engine figures equal the row-by-row reference", arguments: cases)
    func engineMatchesReference(_ testCase: Case) throws {
        let (store, engine, table, reference) = try Self.prepare(testCase)
        #expect(store.rowCount == table.rows.count)
        #expect(!testCase.icpTexts.isEmpty)
        for text in testCase.icpTexts {
            let icp = try #require(ICPDocument(text: text, format: text.hasPrefix("{") ? .json : .yaml).icp)
            let code = icp.code?.value ?? "?"
            let expected = reference.evaluate(icp)
            let actual = engine.evaluate(icp)
            #expect(actual.qualifiedCount == expected.qualified.filter { $0 }.count, "\(code): qualified")
            #expect((0..<store.rowCount).allSatisfy { actual.qualified.contains($0) == expected.qualified[$0] }, "\(code): qualified rows")
            #expect(expected.scores.indices.allSatisfy { abs(actual.score(ofRow: $0) - expected.scores[$0]) < 1e-9 }, "\(code): scores")
            #expect(actual.parameters.map { $0.matched.cardinality } == expected.matched, "\(code): matched")
            #expect(actual.parameters.map(\.remaining) == expected.remaining, "\(code): remaining")
            #expect(actual.parameters.map(\.without) == expected.without, "\(code): without")
            #expect(Dictionary(uniqueKeysWithValues: actual.tiers.map { ($0.name, $0.count) }).filter { $0.value > 0 } == expected.tiers, "\(code): tiers")
        }
    }

    @Test func columnTypesAreInferredAsSpecSays() throws {
        let csv = try String(contentsOf: Self.messyFolder.appendingPathComponent("accounts.csv"), encoding: .utf8)
        let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts", format: .csv,
                                           options: DatasetOptions(missingValues: ["N/A", "-"], fields: ["tech stack": FieldOverride(type: .list, separator: ";")]))
        let types = Dictionary(uniqueKeysWithValues: store.columns.map { ($0.name, $0.type) })
        #expect(types == [
            "id": .number, "Company Name": .text, "industry": .text, "HQ country": .text, "employees": .number,
            "Annual Revenue ($)": .number, "tech stack": .list, "is_customer": .boolean, "founded": .date, "last funding": .date,
            "stage": .text, "created_at": .date, "rating": .text, "notes": .text,
        ])
        #expect(store.rowCount == 12)
        #expect(store.column(named: "notes")?.text(atRow: 2) == "multi\nline note")
        #expect(store.column(named: "notes")?.text(atRow: 0) == "He said \"hi\"")
        #expect(store.column(named: "Company Name")?.text(atRow: 2) == "Ørsted-like Energy")
        #expect(store.column(named: "employees")?.presentCount == 10)
    }
}

extension EngineReferenceTests {
    /// The cost of missing data: for every field of every ICP, the engine's enrichment figures
    /// against the reference evaluated twice, as is and with the field's missing values filled
    /// with a passing one.
    @Test("enrichment figures equal the reference's", arguments: cases)
    func enrichmentMatchesReference(_ testCase: Case) throws {
        let (store, engine, table, reference) = try Self.prepare(testCase)
        var checked = 0
        for text in testCase.icpTexts {
            let icp = try #require(ICPDocument(text: text, format: text.hasPrefix("{") ? .json : .yaml).icp)
            let evaluation = engine.evaluate(icp)
            let base = reference.evaluate(icp)
            let ladder = icp.tiers.enumerated().sorted { $0.element.minimum != $1.element.minimum ? $0.element.minimum > $1.element.minimum : $0.offset < $1.offset }.map(\.element)
            func rank(_ score: Double) -> Int? { ladder.firstIndex { score >= $0.minimum - 1e-9 } }
            for figures in evaluation.enrichment() {
                let field = figures.field
                let missing = table.rows.indices.filter { table.value(table.rows[$0], field) == nil }
                let label = "\(icp.code?.value ?? "?") \(field)"
                #expect(figures.missing == missing.count, "\(label): missing")
                guard !missing.isEmpty else {
                    #expect(figures.candidates.cardinality == 0 && figures.wouldQualify == 0 && figures.tierMoves.isEmpty)
                    continue
                }
                let filled = reference.evaluate(icp, filling: field)
                let candidates = missing.filter { filled.gate[$0] }
                #expect((0..<store.rowCount).filter { figures.candidates.contains($0) } == candidates, "\(label): candidates")
                #expect(figures.wouldQualify == candidates.filter { !base.qualified[$0] && filled.qualified[$0] }.count, "\(label): would qualify")
                var moves: [String: Int] = [:]
                for row in candidates where base.qualified[row] {
                    if let best = rank(filled.scores[row]), best < (rank(base.scores[row]) ?? Int.max) { moves[ladder[best].name.value, default: 0] += 1 }
                }
                #expect(Dictionary(uniqueKeysWithValues: figures.tierMoves.map { ($0.tier, $0.count) }) == moves, "\(label): tier moves")
                #expect(candidates.allSatisfy { abs(evaluation.bestScore(ofRow: $0, filling: field) - filled.scores[$0]) < 1e-9 }, "\(label): best scores")
                checked += figures.candidates.cardinality
            }
        }
        #expect(checked > 0, "some account was worth enriching")
    }
}

extension EngineReferenceTests {
    /// The overlap matrix and who takes from whom, recomputed row by row from the reference's
    /// verdicts and the precedence rule (priority, then score, then code), with a tie on priority.
    @Test func overlapMatchesTheReference() throws {
        let sample = SampleDataset(accounts: 5_000, seed: 42)
        let store = try DatasetLoader.load(Array(sample.accountsCSV.utf8), name: "accounts", format: .csv,
                                           options: DatasetOptions(missingValues: ["N/A", "-"], fields: ["tech_stack": FieldOverride(type: .list, separator: ";")]))
        let engine = Engine(accounts: store, settings: EvaluationSettings(asOf: SampleDataset.asOf))
        let table = ReferenceTable(csv: sample.accountsCSV, missingValues: ["N/A", "-"], overrides: ["tech_stack": (.list, ";")])
        let reference = ReferenceEvaluator(table: table, asOf: SampleDataset.asOf.daysSinceEpoch)
        let texts = Self.icpFiles(in: FixturePaths.root.appendingPathComponent("icps")).map {
            $0.replacingOccurrences(of: "\"status\": \"draft\"", with: "\"status\": \"live\"")
        } + [Self.sampleICPs[0].replacingOccurrences(of: "icp: a\n", with: "icp: a\nstatus: live\npriority: 10\n"), Self.sampleICPs[2]]
        let icps = try texts.map { try #require(ICPDocument(text: $0, format: $0.hasPrefix("{") ? .json : .yaml).icp) }
        let overlap = Overlap(icps.map { WorkspaceScoring.Entry(icp: $0, evaluation: engine.evaluate($0)) }, rowCount: store.rowCount)
        let results = icps.map { reference.evaluate($0) }
        let rows = table.rows.indices
        // The winner of each row among the live ICPs, by the rule as format.md states it.
        let winner: [Int?] = rows.map { row in
            icps.indices.filter { icps[$0].status == .live && results[$0].qualified[row] }.min { a, b in
                if icps[a].priority != icps[b].priority { return icps[a].priority < icps[b].priority }
                if abs(results[a].scores[row] - results[b].scores[row]) > 1e-9 { return results[a].scores[row] > results[b].scores[row] }
                return icps[a].code!.value < icps[b].code!.value
            }
        }
        for i in icps.indices {
            #expect(overlap.qualified[i] == results[i].qualified.filter { $0 }.count)
            #expect(overlap.kept[i] == (icps[i].status == .live ? rows.filter { winner[$0] == i }.count : nil), "\(overlap.codes[i]) keeps")
            for j in icps.indices {
                #expect(overlap.shared[i][j] == rows.filter { results[i].qualified[$0] && results[j].qualified[$0] }.count)
                let takes = i == j ? 0 : rows.filter { winner[$0] == i && results[j].qualified[$0] }.count
                #expect(overlap.takes[i][j] == takes, "\(overlap.codes[i]) takes from \(overlap.codes[j])")
            }
        }
        #expect(overlap.takes.joined().reduce(0, +) > 0, "some ICP takes accounts from another")
        let (a, midmarket) = (try #require(overlap.codes.firstIndex(of: "a")), try #require(overlap.codes.firstIndex(of: "midmarket-saas")))
        #expect(overlap.shared[a][midmarket] > 0 && overlap.takes[a][midmarket] > 0 && overlap.takes[midmarket][a] > 0,
                "both at priority 10: the shared accounts split on score")
    }
}
