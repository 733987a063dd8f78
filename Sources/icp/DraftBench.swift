import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

/// Times `icp draft`'s own work on a workspace's accounts, in process (the load is not timed):
/// with a fresh engine per run (the vocabulary of columns and values is built each time), and
/// again on one engine, as the editor drafts.
struct DraftBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Time drafting an ICP from a sentence, in process (the load is not timed)."
    )

    @Argument(help: "The workspace folder.")
    var folder = "."

    @Option(help: "The sentence to draft.")
    var sentence = "B2B SaaS companies in North America and EMEA with 51-500 employees using HubSpot, ideally Series B+, excluding government, with a security-first culture"

    @Option(parsing: .unconditional, help: "How many timed runs.")
    var iterations = 50

    func run() throws {
        let anchor = URL(fileURLWithPath: folder).standardizedFileURL.appendingPathComponent("draft.icp.yaml")
        let loaded = try NewFileWorkspace.load(anchor: anchor, access: DataAccess(allowOutsideWorkspace: true))
        let accounts = loaded.data.engine.accounts
        var parameters = 0
        let cold = try Timing.measure(iterations) {
            let engine = Engine(accounts: accounts, settings: loaded.data.engine.settings)
            let draft = engine.draft(sentence)
            parameters = draft.parameters.count
            _ = engine.evaluate(draft.icp(code: "draft")).qualifiedCount
        }
        let engine = loaded.data.engine
        let warm = try Timing.measure(iterations) {
            _ = engine.evaluate(engine.draft(sentence).icp(code: "draft")).qualifiedCount
        }
        print("accounts: \(CountFormat.grouped(accounts.rowCount)), columns: \(accounts.columns.count), parameters drafted: \(parameters)")
        print("draft + evaluate ms, fresh engine: median \(cold.format(0.5, digits: 2))  p95 \(cold.format(0.95, digits: 2))  (\(cold.count) runs)")
        print("draft + evaluate ms, same engine:  median \(warm.format(0.5, digits: 2))  p95 \(warm.format(0.95, digits: 2))  (\(warm.count) runs)")
    }
}
