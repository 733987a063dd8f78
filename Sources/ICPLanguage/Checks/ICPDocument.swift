/// One ICP file, parsed and lowered: the syntax tree, the model (as far as the text allows)
/// and the `syntax` and `schema` diagnostics. Building one touches no file and no clock.
public struct ICPDocument: Sendable {
    public let tree: SyntaxTree
    /// The model; nil when the text holds no mapping at all.
    public let icp: ICP?
    /// `syntax` and `schema` diagnostics, in reading order.
    public let diagnostics: [Diagnostic]

    /// ICP files larger than this are not parsed (an ICP is a page of text; 8 MB is a mistake or an attack).
    public static let maximumSize = 8 * 1024 * 1024

    public init(text: String, format: SourceFormat) {
        guard text.utf8.count <= Self.maximumSize else {
            tree = SyntaxTree(source: SourceText(text), root: nil, errors: [])
            icp = nil
            let megabytes = CountFormat.decimal(Double(text.utf8.count) / 1_048_576, digits: 1)
            diagnostics = [Diagnostic(.syntax, SourceRange(at: .start), "This file is \(megabytes) MB; icp reads ICP files up to 8 MB. Is it really an ICP file?")]
            return
        }
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
    /// The settings, the format's defaults where the file is silent or wrong.
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
