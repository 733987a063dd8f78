import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp draft` and `icp refine` on five exports in the conventions users bring
/// (fixtures/draft/conventions: Salesforce, HubSpot, Apollo-style, Crunchbase-style with alpha-3
/// codes and `|` lists, Inc.-5000-style), none of them the built-in sample. Each case in a
/// dataset's `cases.yaml` gives what a person means as a hand-written ICP; the draft (or the
/// refined file) must qualify the same accounts as that ICP does in the reference evaluator,
/// read row by row from the raw CSV. A case marked `known` is a miss still to fix: it is
/// recorded as a known issue, so the suite says how many there are.
struct DraftConventionTests {
    struct Convention: Sendable {
        let engine: Engine
        let reference: ReferenceEvaluator
        let base: String
    }

    struct Example: Sendable, CustomTestStringConvertible {
        let convention: String
        /// The sentence, or the instruction applied to the dataset's `base` file.
        let words: String
        /// Flow-YAML parameters of the ICP a person means (empty: nothing should be drafted).
        let means: String
        let unmapped: [String]?
        let notes: [String]?
        /// Why it still fails, when it does.
        let known: String?
        var testDescription: String { "\(convention): \(words)" }
    }

    static let names = ["salesforce", "hubspot", "apollo", "crunchbase", "inc5000"]
    static let folder = FixturePaths.root.appendingPathComponent("draft/conventions")

    static let conventions: [String: Convention] = Dictionary(uniqueKeysWithValues: names.map { name in
        let root = folder.appendingPathComponent(name)
        let csv = (try? String(contentsOf: root.appendingPathComponent("data.csv"), encoding: .utf8)) ?? ""
        let config = WorkspaceDocument(text: (try? String(contentsOf: root.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8)) ?? "").config
        let store = (try? DatasetLoader.load(Array(csv.utf8), name: "data.csv", format: .csv, options: DatasetOptions(config: config)))
            ?? ColumnStore(rowCount: 0, columns: [])
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        var overrides: [String: (ReferenceTable.Kind, String?)] = [:]
        for (field, setting) in config.fields where setting.type == .list { overrides[field] = (.list, setting.separator) }
        let table = ReferenceTable(csv: csv, missingValues: config.missingValues, overrides: overrides)
        let asOf = config.asOf?.daysSinceEpoch ?? SampleDataset.asOf.daysSinceEpoch
        return (name, Convention(engine: engine, reference: ReferenceEvaluator(table: table, asOf: asOf), base: cases(name).base))
    })

    /// A dataset's `cases.yaml`: `base` (the file instructions edit), `sentences` and `instructions`.
    static func cases(_ name: String) -> (base: String, sentences: [Example], instructions: [Example]) {
        let text = (try? String(contentsOf: folder.appendingPathComponent(name).appendingPathComponent("cases.yaml"), encoding: .utf8)) ?? ""
        let root = SyntaxTree.parse(text, format: .yaml).root?.mapping
        func value(_ mapping: MappingNode, _ key: String) -> SyntaxNode? { mapping.entries.first { $0.key.scalar?.text == key }?.value }
        func examples(_ key: String, words: String) -> [Example] {
            (root.flatMap { value($0, key) }?.sequence?.items ?? []).compactMap { item in
                guard let mapping = item.mapping, let said = value(mapping, words)?.scalar?.text else { return nil }
                return Example(convention: name, words: said, means: value(mapping, "means")?.scalar?.text ?? "",
                               unmapped: value(mapping, "unmapped")?.sequence?.items.compactMap { $0.scalar?.text },
                               notes: value(mapping, "notes")?.sequence?.items.compactMap { $0.scalar?.text },
                               known: value(mapping, "known")?.scalar?.text)
            }
        }
        return (root.flatMap { value($0, "base") }?.scalar?.text ?? "", examples("sentences", words: "say"), examples("instructions", words: "do"))
    }

    static let sentences = names.flatMap { cases($0).sentences }
    static let instructions = names.flatMap { cases($0).instructions }

    @Test func everyDatasetHasItsCases() {
        for name in Self.names {
            let found = Self.cases(name)
            #expect(found.sentences.count >= 24 && found.instructions.count >= 8, "\(name): \(found.sentences.count) sentences, \(found.instructions.count) instructions")
            #expect((Self.conventions[name]?.engine.accounts.rowCount ?? 0) >= 400, "\(name)")
        }
    }

    @Test(arguments: sentences)
    func draftsWhatAPersonMeans(_ example: Example) throws {
        let convention = try #require(Self.conventions[example.convention])
        try Self.expecting(example) {
            let draft = convention.engine.draft(example.words)
            if let unmapped = example.unmapped { #expect(draft.unmapped.map(\.words) == unmapped, "unmapped") }
            for note in example.notes ?? [] {
                #expect(draft.notes.contains { $0.contains(note) } || draft.unmapped.contains { $0.described.contains(note) }, "note \(note): \(draft.notes)")
            }
            guard !example.means.isEmpty else {
                #expect(draft.parameters.isEmpty, "drafted \(draft.parameters.map(\.parameter.summary))")
                return
            }
            #expect(draft.conflicts.isEmpty, "\(draft.conflicts)")
            try Self.expectSameAccounts(drafted: draft.icp(code: "draft"), means: example.means, on: convention,
                                        detail: draft.parameters.map(\.parameter.summary).joined(separator: "; "))
        }
    }

    @Test(arguments: instructions)
    func refinesWhatAPersonMeans(_ example: Example) throws {
        let convention = try #require(Self.conventions[example.convention])
        try Self.expecting(example) {
            switch convention.engine.refine(convention.base, format: .yaml, instruction: example.words) {
            case .failure(let failure):
                #expect(example.means.isEmpty, "refused: \(failure.description)")
            case .success(let refined):
                #expect(!example.means.isEmpty, "applied, though it should be refused: \(refined.edits)")
                guard !example.means.isEmpty else { return }
                let icp = try #require(ICPDocument(text: refined.text, format: .yaml).icp)
                try Self.expectSameAccounts(drafted: icp, means: example.means, on: convention, detail: refined.edits.joined(separator: "; "))
            }
        }
    }

    /// Runs `body`; a case marked `known` is expected to fail (a known issue, reported as such).
    private static func expecting(_ example: Example, _ body: () throws -> Void) throws {
        guard let known = example.known else { return try body() }
        withKnownIssue(Comment(rawValue: known)) { try body() }
    }

    private static func expectSameAccounts(drafted: ICP, means: String, on convention: Convention, detail: String) throws {
        let expected = try #require(ICPDocument(text: "icp: means\nparameters: [\(means)]\n", format: .yaml).icp, "the expected ICP reads")
        let reference = convention.reference.evaluate(expected).qualified
        let wanted = Set((0..<reference.count).filter { reference[$0] })
        var got = Set<Int>()
        convention.engine.evaluate(drafted).qualified.forEach { got.insert($0) }
        #expect(got == wanted, "qualified \(got.count), meant \(wanted.count): \(detail)")
    }
}
