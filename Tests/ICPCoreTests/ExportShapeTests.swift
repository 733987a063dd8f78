import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPDataset

/// fixtures/exports/: the same 120 accounts as a clean CSV and as real exports write them
/// (`;` and decimal commas, tabs, UTF-16, Windows-1252, `$5.2M`, `Revenue ($M)`, US and
/// month-name dates, Yes/No, Y/N, x, bands, JSON and Python lists, title lines, `-`, `12.5%`).
/// In every folder the engine and the reference evaluator, which reads the shapes on its own
/// from data-files.md, qualify exactly the accounts the clean file qualifies.
struct ExportShapeTests {
    static let folder = FixturePaths.root.appendingPathComponent("exports")

    static var shapes: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != "clean" && !$0.hasPrefix(".") }.sorted()
    }

    /// The ids the engine qualifies in `shape`, and those the reference qualifies.
    static func qualified(_ shape: String) throws -> (engine: [Int], reference: [Int]) {
        let base = folder.appendingPathComponent(shape)
        let config = WorkspaceDocument(text: try String(contentsOf: base.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8)).config
        let path = try #require(config.accounts?.value)
        let url = base.appendingPathComponent(path)
        let store = try DatasetLoader.load(url, name: path, options: DatasetOptions(config: config), cache: false)
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: CalendarDate(year: 2026, month: 11, day: 1)!))
        let icp = try #require(ICPDocument(text: try String(contentsOf: base.appendingPathComponent("shape.icp.yaml"), encoding: .utf8), format: .yaml).icp)
        let ids = try #require(store.column(named: "id"))
        let evaluation = engine.evaluate(icp)
        let engineIDs = (0..<store.rowCount).filter { evaluation.qualified.contains($0) }.compactMap { ids.text(atRow: $0).flatMap { Int($0) } }
        let table = ReferenceExport.table(bytes: Array(try Data(contentsOf: url)), config: config)
        let reference = ReferenceEvaluator(table: table, asOf: engine.settings.asOf.daysSinceEpoch).evaluate(icp)
        let referenceIDs = table.rows.indices.filter { reference.qualified[$0] }.compactMap { table.value(table.rows[$0], "id").flatMap(Double.init).map { Int($0) } }
        return (engineIDs, referenceIDs)
    }

    @Test func theCleanFileQualifiesSomeButNotAll() throws {
        let clean = try Self.qualified("clean")
        #expect(clean.engine == clean.reference)
        #expect(clean.engine.count > 5 && clean.engine.count < 60, "\(clean.engine.count)")
        #expect(Self.shapes.count >= 19)
    }

    @Test(arguments: shapes)
    func everyShapeQualifiesTheCleanAccounts(shape: String) throws {
        let clean = try Self.qualified("clean").reference
        let read = try Self.qualified(shape)
        #expect(read.reference == clean, "the reference on \(shape)")
        #expect(read.engine == clean, "the engine on \(shape)")
    }
}
