import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPDataset

/// A folder of tables, each with `data.csv`, `icp.workspace.yaml` and a `cases.yaml` of what
/// people say to `icp draft` and `icp refine` and the ICP each means, hand-written. Read by
/// ``DraftConventionTests`` and ``DraftBlindTests``.
struct DraftCaseSet: Sendable {
    struct Table: Sendable {
        let engine: Engine
        let reference: ReferenceEvaluator
        let base: String
    }

    struct Example: Sendable, CustomTestStringConvertible {
        let table: String
        /// The sentence, or the instruction applied to the table's `base` file.
        let words: String
        let isInstruction: Bool
        /// Flow-YAML parameters of the ICP a person means (empty: nothing should be drafted).
        let means: String
        /// The difficulty the case is about (`unit`, `negation`, `place`...), for the figures.
        let kind: String
        /// The words are honestly ambiguous on this table: a question counts as right.
        let ambiguous: Bool
        let unmapped: [String]?
        let notes: [String]?
        /// Why it still fails, when it does.
        let known: String?
        var testDescription: String { "\(table): \(words)" }
    }

    /// How a draft or refinement met what a person meant.
    enum Verdict: String, Sendable, CaseIterable {
        /// The same accounts as the hand-written ICP.
        case right
        /// Other accounts, but the output says what it could not read or asks which was meant.
        case said
        /// Other accounts and nothing said: the failure that matters most.
        case silentlyWrong = "silently wrong"
    }

    let folder: URL
    let names: [String]
    let tables: [String: Table]
    let examples: [Example]

    init(folder: URL, names: [String]? = nil) {
        self.folder = folder
        let found = names ?? ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("cases.yaml").path) }
            .sorted()
        self.names = found
        var tables: [String: Table] = [:]
        var examples: [Example] = []
        for name in found {
            let root = folder.appendingPathComponent(name)
            let cases = Self.cases(root.appendingPathComponent("cases.yaml"), table: name)
            tables[name] = Self.table(root, base: cases.base)
            examples += cases.examples
        }
        self.tables = tables
        self.examples = examples
    }

    private static func table(_ root: URL, base: String) -> Table {
        let bytes = (try? Data(contentsOf: root.appendingPathComponent("data.csv"))).map { [UInt8]($0) } ?? []
        let config = WorkspaceDocument(text: (try? String(contentsOf: root.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8)) ?? "").config
        let options = DatasetOptions(config: config)
        let store = (try? DatasetLoader.load(bytes, name: "data.csv", format: .csv, options: options)) ?? ColumnStore(rowCount: 0, columns: [])
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        // The reference's own reading of an export (money, bands, dates and lists as people write them).
        let table = ReferenceExport.table(bytes: bytes, config: config)
        let asOf = config.asOf?.daysSinceEpoch ?? SampleDataset.asOf.daysSinceEpoch
        return Table(engine: engine, reference: ReferenceEvaluator(table: table, asOf: asOf), base: base)
    }

    /// A table's `cases.yaml`: `base` (the file instructions edit), `sentences` and `instructions`.
    private static func cases(_ file: URL, table: String) -> (base: String, examples: [Example]) {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let root = SyntaxTree.parse(text, format: .yaml).root?.mapping
        func value(_ mapping: MappingNode, _ key: String) -> SyntaxNode? { mapping.entries.first { $0.key.scalar?.text == key }?.value }
        func examples(_ key: String, words: String) -> [Example] {
            (root.flatMap { value($0, key) }?.sequence?.items ?? []).compactMap { item in
                guard let mapping = item.mapping, let said = value(mapping, words)?.scalar?.text else { return nil }
                return Example(table: table, words: said, isInstruction: key == "instructions", means: value(mapping, "means")?.scalar?.text ?? "",
                               kind: value(mapping, "class")?.scalar?.text ?? "plain",
                               ambiguous: value(mapping, "ambiguous")?.scalar?.text == "true",
                               unmapped: value(mapping, "unmapped")?.sequence?.items.compactMap { $0.scalar?.text },
                               notes: value(mapping, "notes")?.sequence?.items.compactMap { $0.scalar?.text },
                               known: value(mapping, "known")?.scalar?.text)
            }
        }
        return (root.flatMap { value($0, "base") }?.scalar?.text ?? "", examples("sentences", words: "say") + examples("instructions", words: "do"))
    }

    /// What the example's words give on its table, and how that meets what was meant.
    func verdict(_ example: Example) throws -> (verdict: Verdict, detail: String) {
        let table = try #require(tables[example.table])
        let drafted: ICP
        let detail: String
        let saidSomething: Bool
        if example.isInstruction {
            switch table.engine.refine(table.base, format: .yaml, instruction: example.words) {
            case .failure(let failure):
                return (example.means.isEmpty ? .right : .said, "refused: \(failure.description)")
            case .success(let refined):
                guard !example.means.isEmpty else { return (.silentlyWrong, "applied, though it should be refused: \(refined.edits)") }
                drafted = try #require(ICPDocument(text: refined.text, format: .yaml).icp)
                detail = refined.edits.joined(separator: "; ") + (refined.questions.isEmpty ? "" : " | asks: " + refined.questions.joined(separator: "; "))
                saidSomething = !refined.questions.isEmpty
            }
        } else {
            let draft = table.engine.draft(example.words)
            let asks = draft.unmapped.map(\.described) + draft.questions + draft.conflicts
            detail = draft.parameters.map(\.parameter.summary).joined(separator: "; ") + (asks.isEmpty ? "" : " | says: " + asks.joined(separator: "; "))
            if !draft.conflicts.isEmpty { return (example.means.isEmpty ? .right : .said, detail) }
            guard !example.means.isEmpty else {
                return (draft.parameters.isEmpty ? .right : (asks.isEmpty ? .silentlyWrong : .said), detail)
            }
            if example.ambiguous, !draft.questions.isEmpty { return (.right, detail) }
            drafted = draft.icp(code: "draft")
            saidSomething = !asks.isEmpty
        }
        let expected = try #require(ICPDocument(text: "icp: means\nparameters: [\(example.means)]\n", format: .yaml).icp, "the expected ICP reads")
        let reference = table.reference.evaluate(expected).qualified
        let wanted = Set((0..<reference.count).filter { reference[$0] })
        var got = Set<Int>()
        table.engine.evaluate(drafted).qualified.forEach { got.insert($0) }
        if got == wanted { return (.right, detail) }
        return (saidSomething ? .said : .silentlyWrong, "qualified \(got.count), meant \(wanted.count): \(detail)")
    }

    /// Hit rates per table and per class, and every case that is not right.
    func figures() throws -> (text: String, counts: [Verdict: Int]) {
        var lines: [String] = []
        var counts: [Verdict: Int] = [:]
        var byTable: [String: [Verdict: Int]] = [:]
        var byClass: [String: [Verdict: Int]] = [:]
        var misses: [String] = []
        for example in examples {
            let (verdict, detail) = try verdict(example)
            counts[verdict, default: 0] += 1
            byTable[example.table, default: [:]][verdict, default: 0] += 1
            byClass[example.kind, default: [:]][verdict, default: 0] += 1
            if verdict != .right { misses.append("  [\(verdict.rawValue)] \(example.table) (\(example.kind)): \(example.words)\n      \(detail)") }
        }
        func row(_ name: String, _ tally: [Verdict: Int]) -> String {
            let total = tally.values.reduce(0, +)
            let right = tally[.right] ?? 0
            return "\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(right)/\(total) right, \(tally[.said] ?? 0) said, \(tally[.silentlyWrong] ?? 0) silently wrong"
        }
        lines.append(row("all (\(folder.lastPathComponent))", counts))
        lines.append("per table:")
        lines += byTable.keys.sorted().map { "  " + row($0, byTable[$0] ?? [:]) }
        lines.append("per class:")
        lines += byClass.keys.sorted().map { "  " + row($0, byClass[$0] ?? [:]) }
        if !misses.isEmpty { lines.append("not right:") ; lines += misses }
        return (lines.joined(separator: "\n"), counts)
    }
}
