import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page of charts about the ICPs, for people who read no tables.",
        discussion: """
            For the ICP files and folders given (default: the current folder): how to reproduce the figures (data and \
            definitions with their SHA-256, as_of, tool version), headline figures per ICP, the alerts of `icp check` \
            and figures resting on few accounts, then per ICP its funnel, win rate by tier, mix of accounts and won \
            accounts, score distribution, cumulative gains, cost of missing data and won accounts outside it, and the \
            overlap of the ICPs. Inline CSS and SVG, no script, nothing fetched from the network. \
            See Documentation/report.md for how to read each chart.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, json
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Write to this file instead of standard output (whole or not at all; never over an input or a workspace file).")
    var out: String?

    @Option(help: "Output format: html (the page) or json (every figure of the page, and the chart series).")
    var format: Format = .html

    @Flag(help: "Leave account keys and names out of the page (the won accounts outside each ICP are shown by score and reason only).")
    var sensitive = false

    func run() async throws {
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access)
        let previews = await Previews.gather(run)
        let display = run.selection.display
        var failures = previews.failures
        // The findings of `icp check`, as the alerts; its problems are the run's own again.
        let check = CheckRun.run(run.selection, session: run.session)
        let codes = Dictionary(previews.rows.map { ($0.file.path, $0.preview.icp) }, uniquingKeysWith: { first, _ in first })
        let findings = check.reports.flatMap { report in
            report.diagnostics.map { diagnostic in
                ICPReport.Alert(severity: diagnostic.severity, code: diagnostic.code.rawValue, file: report.path, line: diagnostic.range.start.line + 1,
                                icp: codes[report.path], message: diagnostic.message)
            }
        }
        var inputs = previews.rows.map(\.file.url)
        var dataFiles: [ICPReport.HashedFile] = []
        var definitions: [ICPReport.HashedFile] = []
        for row in previews.rows {
            inputs += row.data.files
            for url in row.data.files where !dataFiles.contains(where: { $0.path == display(url) }) {
                do {
                    let hash = try run.session.fileSystem.contentHash(of: url)
                    dataFiles.append(ICPReport.HashedFile(path: display(url), bytes: hash.bytes, sha256: hash.hex))
                } catch {
                    failures.append("\(display(url)): cannot be read to hash it (\(error))")
                }
            }
            do {
                let hash = try run.session.fileSystem.contentHash(of: row.file.url)
                definitions.append(ICPReport.HashedFile(path: row.file.path, bytes: hash.bytes, sha256: hash.hex))
            } catch {
                failures.append("\(row.file.path): cannot be read to hash it (\(error))")
            }
        }
        Output.errorsOnce(failures)
        let entries = previews.rows.map { row in
            ICPReport.Entry(preview: row.preview, listing: row.listing, file: row.file.path, dataset: row.data.datasetName,
                            charts: ReportCharts(icp: row.icp, evaluation: row.evaluation, engine: row.data.engine, sensitive: sensitive),
                            minScore: row.icp.minScore)
        }
        let overlap = previews.overlaps.filter { $0.positions.count > 1 }.map { positions, overlap in
            OverlapReport(dataset: previews.rows[positions[0]].data.datasetName, overlap: overlap, statuses: positions.map { previews.rows[$0].icp.status.rawValue })
        }
        let reproduction = ICPReport.Reproduction(
            as_of: Array(Set(previews.rows.map { $0.data.engine.settings.asOf.description })).sorted(),
            data: dataFiles, datasets: Array(Set(previews.rows.map(\.data.datasetName))).sorted(), definitions: definitions)
        let report = ICPReport(reproduction: reproduction, findings: findings, icps: entries, overlap: overlap, sensitive: sensitive)
        let text = switch format {
        case .html: ReportPage.render(report)
        case .json: try Output.json(report) + "\n"
        }
        if let out {
            try ScoredOutput.write(text, to: URL(fileURLWithPath: out), inputs: inputs, session: run.session)
            Output.note("wrote the report of \(entries.count) ICP\(entries.count == 1 ? "" : "s") to \(out)")
        } else if !entries.isEmpty {
            Output.writeData(text)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
