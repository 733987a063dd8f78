import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Compile an ICP to one SQL SELECT for DuckDB, PostgreSQL, Snowflake, BigQuery or Spark.",
        discussion: "The query returns id, qualified, icp_score and icp_tier per account of the table (default `accounts`), with the engine's semantics and the workspace's as_of as a literal date. --schema prints the CREATE TABLE it assumes (column types from the dataset; missing values NULL); --workspace-codes assigns each account the code of the live ICP that wins, across the ICP files of the workspace."
    )

    enum Dialect: String, ExpressibleByArgument, CaseIterable {
        case duckdb, postgres, snowflake, bigquery, spark
    }

    @Argument(help: "The ICP file (with --workspace-codes: any ICP file or folder of the workspace).")
    var file: String

    @Option(help: "The SQL dialect.")
    var dialect: Dialect = .duckdb

    @Option(help: "The accounts table's name.")
    var table = "accounts"

    @Flag(help: "Print the CREATE TABLE the queries assume instead of a query.")
    var schema = false

    @Flag(help: "Assign ICP codes across the live ICPs of the workspace.")
    var workspaceCodes = false

    @OptionGroup var data: DataOptions

    func run() throws {
        let target = workspaceCodes ? workspaceFolder(of: file) : file
        let run = EvaluationRun.here([target], access: data.access)
        for problem in run.problems { Output.error(problem) }
        var compiler: SQLCompiler?
        var icps: [ICP] = []
        for evaluated in run.files {
            switch evaluated.result {
            case .failure(let failure):
                Output.error(failure.description)
                throw ExitCode(1)
            case .success(let (data, _)):
                guard let icp = evaluated.document.icp else { continue }
                icps.append(icp)
                let engine = data.engine
                compiler = compiler ?? SQLCompiler(
                    dialect: SQLDialect(rawValue: dialect.rawValue) ?? .duckdb, table: table,
                    columns: engine.accounts.columns.map { ($0.name, $0.type) }, idField: engine.settings.accountIDField, asOf: engine.settings.asOf,
                    missingPolicy: engine.settings.missingPolicy, data: engine.accounts.columns)
            }
        }
        guard let compiler, let first = icps.first else {
            Output.error("no ICP to compile in \(target).")
            throw ExitCode(1)
        }
        let sql = (schema ? compiler.createTable() : (workspaceCodes ? compiler.workspaceCodes(icps) : compiler.select(first)) + ";") + "\n"
        if let refusal = SQLCompiler.refusal(of: sql) {
            Output.error(refusal)
            throw ExitCode(1)
        }
        Output.writeData(sql)
    }

    /// The folder of the workspace governing `path` (the folder holding icp.workspace.yaml), or `path`'s folder.
    private func workspaceFolder(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        if LocalFileSystem().isFolder(url) == true { return path }
        return (WorkspaceSession().workspace(for: url.standardizedFileURL).root ?? url.deletingLastPathComponent()).path
    }
}
