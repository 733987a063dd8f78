import ArgumentParser
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

@main
struct ICPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icp",
        abstract: "Ideal Customer Profiles as files: check them, preview them, score accounts with them.",
        version: ToolVersion.description,
        subcommands: [CheckCommand.self, FmtCommand.self, PreviewCommand.self, ReportCommand.self, OverlapCommand.self, ColumnsCommand.self, ScoreCommand.self, ListCommand.self, ExplainCommand.self, DiffCommand.self, BacktestCommand.self, DeriveCommand.self, DraftCommand.self, RefineCommand.self, SampleCommand.self, LSPCommand.self, SQLCommand.self, SchemaCommand.self, BenchCommand.self]
    )
}
