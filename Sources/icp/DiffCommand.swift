import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Review a change to ICPs by its consequences: accounts added and removed, tier moves, and why.",
        discussion: """
            Compares the ICPs at a git revision (default: the merge-base of HEAD with the default branch) with the \
            working tree, or two revisions written A..B, both on the working tree's data. A change of comments or \
            layout is no change. --fail-if gates a review (exit 1): "removed > 5%", "won_coverage < 0.6", \
            "qualified == 0", "lift drops by 0.2", "midmarket-saas: added > 100". See Documentation/review.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The base revision (or A..B); default: the merge-base with the default branch. Then ICP files or folders.")
    var arguments: [String] = []

    @Option(help: "Output format: text, markdown (a pull-request comment) or json.")
    var format: Format = .text

    @Option(help: "Accounts shown as samples of those added and removed, per ICP: a number or `all`.")
    var sample = "10"

    @Option(name: .customLong("fail-if"), help: "A gate: exit 1 when it holds for an ICP (repeatable).")
    var failIf: [String] = []

    @OptionGroup var data: DataOptions

    func validate() throws {
        if sample != "all", Int(sample).map({ $0 < 0 }) ?? true { throw ValidationError("--sample takes a number of accounts or `all`") }
        for gate in failIf {
            do { _ = try DiffGate(parsing: gate) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        // The first argument is a revision unless it names a file or folder.
        var paths = arguments
        var revision: String?
        if let first = paths.first, !FileManager.default.fileExists(atPath: URL(fileURLWithPath: first, relativeTo: here).path) {
            revision = first
            paths.removeFirst()
        }
        let review: DiffRun
        do {
            review = try await DiffRun.run(revisions: revision, paths: paths, currentFolder: here, today: .today, access: data.access)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
        // Each was read once in validate().
        let gates = failIf.compactMap { try? DiffGate(parsing: $0) }
        // A gate on a code no ICP of either side has would never trip: a misspelling, said so.
        let codes = Set(review.entries.map(\.code) + review.broken.compactMap(\.code))
        let strays = gates.compactMap(\.icp).filter { !codes.contains($0) }
        if !strays.isEmpty {
            Output.error("--fail-if names \(strays.map { "`\($0)`" }.joined(separator: ", ")), which no ICP compared has as its code; the codes are \(codes.sorted().map { "`\($0)`" }.joined(separator: ", "))")
            throw ExitCode(1)
        }
        let tripped = review.entries.flatMap { entry in gates.filter { $0.trips(entry.comparison, code: entry.code) }.map { (entry.code, $0) } }
        let report = DiffReport(review: review, sample: sample == "all" ? nil : Int(sample) ?? 10, tripped: tripped)
        switch format {
        case .text: Output.write(report.text())
        case .markdown: Output.writeData(report.markdown())
        case .json: Output.writeData(try report.json())
        }
        for file in review.broken {
            Output.error("\(file.path) is broken in the \(file.side) (\(file.errors.first ?? "errors")); its ICP is not measured. `icp check` lists every error.")
        }
        if !tripped.isEmpty {
            Output.note(tripped.map { "icp diff: gate tripped for \($0.0): \($0.1)" }.joined(separator: "\n"))
        }
        if !tripped.isEmpty || !review.broken.isEmpty { throw ExitCode(1) }
    }
}
