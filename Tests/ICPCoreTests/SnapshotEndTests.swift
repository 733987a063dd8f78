import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPDataset

struct SnapshotEndTests {
    /// A real 2015 snapshot holds a few impossible dates (2115, 2914): the data's end is where
    /// all but a thousandth of its dates lie, and the outliers are named, so `as-of-past-data` fires.
    @Test func aFewImpossibleDatesDoNotHideTheSnapshotsEnd() throws {
        var lines = ["id,founded_at"]
        for row in 0..<3_000 { lines.append("a\(row),\(CalendarDate(daysSinceEpoch: 16_000 + row % 700))") }
        lines += ["x1,2115-06-01", "x2,2914-03-01"]
        let store = try DatasetLoader.load(Array((lines.joined(separator: "\n") + "\n").utf8), name: "a.csv", format: .csv, options: DatasetOptions())
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: WorkspaceConfig(), today: try #require(CalendarDate(parsing: "2026-12-07"))))
        let end = try #require(SetupChecks.newestDate(in: engine.accounts.columns))
        #expect(end.0 == CalendarDate(daysSinceEpoch: 16_699) && end.aside?.count == 2 && end.aside?.newest.description == "2914-03-01")
        let finding = try #require(SetupChecks.workspace(WorkspaceConfig(), engine: engine, accountsName: "a.csv").first { $0.code == .asOfPastData })
        #expect(finding.message.contains("2 later dates, up to 2914-03-01, are left aside as outliers"), "\(finding.message)")
    }
}
