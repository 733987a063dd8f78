/// One ICP file, parsed and lowered: the syntax tree, the model (as far as the text allows)
/// and the `syntax` and `schema` diagnostics. Building one touches no file and no clock.
public struct ICPDocument: Sendable {
    public let tree: SyntaxTree
    /// The model; nil when the text holds no mapping at all.
    public let icp: ICP?
    /// `syntax` and `schema` diagnostics, in reading order.
    public let diagnostics: [Diagnostic]

    public init(text: String, format: SourceFormat) {
        let tree = SyntaxTree.parse(text, format: format)
        let (icp, schema) = ICPLowering.lower(tree)
        self.tree = tree
        self.icp = icp
        let syntax = tree.errors.map { Diagnostic(.syntax, $0.range, $0.message) }
        self.diagnostics = (syntax + schema).sortedByPosition()
    }

    public var source: SourceText { tree.source }

    /// Every diagnostic of this file that needs no dataset: syntax, schema and the checks of ``ICPChecks``.
    public func check(in context: CheckContext) -> [Diagnostic] {
        guard let icp else { return diagnostics }
        return (diagnostics + ICPChecks.run(on: icp, isComplete: tree.isComplete, context: context)).sortedByPosition()
    }
}

/// `icp.workspace.yaml`, parsed and lowered, with its `syntax` and `schema` diagnostics.
public struct WorkspaceDocument: Sendable {
    public let tree: SyntaxTree
    /// The settings, SPEC defaults where the file is silent or wrong.
    public let config: WorkspaceConfig
    public let diagnostics: [Diagnostic]

    public init(text: String) {
        let tree = SyntaxTree.parse(text, format: .yaml)
        let (config, schema) = WorkspaceLowering.lower(tree)
        self.tree = tree
        self.config = config
        self.diagnostics = (tree.errors.map { Diagnostic(.syntax, $0.range, $0.message) } + schema).sortedByPosition()
    }

    public var source: SourceText { tree.source }
}
