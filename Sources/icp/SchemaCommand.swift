import ArgumentParser
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of ICP files, or of icp.workspace.yaml.",
        discussion: "For editors without the icp language server: point the YAML extension at it with `# yaml-language-server: $schema=<path>` or its schema settings. editors/schemas/ holds both, as printed here."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case icp, workspace
    }

    @Argument(help: "Which schema: icp (ICP files) or workspace (icp.workspace.yaml).")
    var kind: Kind = .icp

    func run() {
        Output.writeData((kind == .icp ? JSONSchema.icpFile : JSONSchema.workspaceFile).rendered() + "\n")
    }
}
