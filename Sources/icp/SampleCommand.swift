import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic synthetic workspace: accounts, contacts, outcomes.",
        discussion: "The same --accounts and --seed give the same files. Writes accounts.csv, contacts.csv and icp.workspace.yaml into --out; refuses to replace files that exist."
    )

    @Option(parsing: .unconditional, help: "How many accounts.")
    var accounts = SampleDataset.builtInAccounts

    @Option(parsing: .unconditional, help: "Seed of the generator.")
    var seed: UInt64 = SampleDataset.builtInSeed

    @Option(help: "The folder to write into (created if needed).")
    var out: String

    func validate() throws {
        guard accounts >= 1, accounts <= 50_000_000 else { throw ValidationError("--accounts must be between 1 and 50,000,000.") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        let names = ["accounts.csv", "contacts.csv", WorkspaceKey.fileName]
        let existing = names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            Output.error("\(out) already holds \(existing.joined(separator: ", ")); choose an empty folder.")
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sample = SampleDataset(accounts: accounts, seed: seed)
        for (name, text) in zip(names, [sample.accountsCSV, sample.contactsCSV, SampleDataset.workspaceYAML]) {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
        }
        Output.note("wrote \(CountFormat.grouped(accounts)) accounts to \(out) (seed \(seed))")
    }
}
