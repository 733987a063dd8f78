import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPInsights
@testable import ICPDataset

/// What hosted qualification tables show beside the count, given a meaning here: the share of
/// qualifying accounts already in the CRM (`keys.synced`) and the newest qualifying account's
/// creation date (`keys.created`), counted by hand on a small table.
struct SyncedTests {
    static let csv = """
        id,industry,crm_id,in_crm,created
        a,Software,006A1,true,2026-10-01
        b,Software,,false,2026-10-30
        c,Software,006C3,yes,2026-09-12
        d,Retail,006D4,true,2026-11-01
        e,Software,no,,2025-01-01

        """

    static func preview(synced: String?, created: String?) throws -> ICPPreview {
        var config = WorkspaceConfig()
        config.syncedField = synced
        config.createdField = created
        let store = try DatasetLoader.load(Array(csv.utf8), name: "a.csv", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: try #require(CalendarDate(parsing: "2026-11-01"))))
        let icp = try #require(ICPDocument(text: "icp: s\nparameters:\n  - {field: industry, mode: filter, is: Software}\n", format: .yaml).icp)
        return ICPPreview(icp: icp, evaluation: engine.evaluate(icp))
    }

    @Test func syncedAndLastQualifiedCountWhatTheyMean() throws {
        // A CRM id column: filled cells but `no` (a, c; b empty, e says no) of the 4 qualifying.
        let byID = try Self.preview(synced: "crm_id", created: "created")
        #expect(byID.qualified == 4 && byID.synced == 2 && byID.syncedShare == 0.5)
        // The newest creation among qualifying accounts: b's 2026-10-30 (d is Retail).
        #expect(byID.lastQualified?.description == "2026-10-30")
        // A yes/no column: true and yes (a, c).
        #expect(try Self.preview(synced: "in_crm", created: nil).synced == 2)
        let neither = try Self.preview(synced: nil, created: nil)
        #expect(neither.synced == nil && neither.lastQualified == nil)
    }
}
