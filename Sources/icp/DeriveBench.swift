import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace

/// Times `icp derive`'s own work on a workspace's accounts, in process: the data is loaded once,
/// untimed; each run builds a fresh engine (no cached match sets) and derives.
struct DeriveBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Time deriving an ICP from a workspace's outcomes, in process (the load is not timed)."
    )

    @Argument(help: "The workspace folder.")
    var folder = "."

    @Option(parsing: .unconditional, help: "How many timed runs.")
    var iterations = 5

    func run() throws {
        let anchor = URL(fileURLWithPath: folder).standardizedFileURL.appendingPathComponent("derived.icp.yaml")
        let session = WorkspaceSession(access: DataAccess(allowOutsideWorkspace: true))
        let data = try session.data(for: ICP(range: SourceRange(at: .start)), at: anchor).mapError { ValidationError($0.error.description) }.get()
        let accounts = data.engine.accounts
        var parameters = 0
        let timing = try Timing.measure(iterations) {
            let engine = Engine(accounts: accounts, settings: data.engine.settings)
            parameters = engine.derive(DeriveOptions())?.parameters.count ?? 0
        }
        print("accounts: \(CountFormat.grouped(accounts.rowCount)), columns: \(accounts.columns.count), parameters proposed: \(parameters)")
        print("derive ms (in process, data loaded): median \(timing.format(0.5, digits: 1))  min \(timing.format(0, digits: 1))  (\(timing.count) runs)")
    }
}
