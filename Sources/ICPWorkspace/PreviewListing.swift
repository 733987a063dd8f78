import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// One ICP's row of `icp preview --format json`, and the language server's `icp/preview`: one
/// type, so the two say the same by construction. The preview's fields (format.md, Command-line
/// output), its overlap with the workspace's other ICPs, `last_modified` (git; null outside a
/// repository) and `stale` (true when the figures are those of the last version without errors:
/// only an editor, whose text can be broken while it is typed, has such a version).
public struct PreviewListing: Encodable, Sendable {
    public var preview: ICPPreview
    public var change: FileHistory.Change?
    public var stale: Bool

    public init(preview: ICPPreview, change: FileHistory.Change?, stale: Bool = false) {
        self.preview = preview
        self.change = change
        self.stale = stale
    }

    private enum Keys: String, CodingKey {
        case last_modified, stale
    }

    public func encode(to encoder: any Encoder) throws {
        try preview.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(EncodedAsNull(wrappedValue: change), forKey: .last_modified)
        try container.encode(stale, forKey: .stale)
    }
}

extension EvaluatedFile {
    /// Its row of `icp preview --format json`; nil when it was not evaluated.
    public func listing(change: FileHistory.Change?) -> PreviewListing? {
        guard case .success(let (_, evaluation)) = result, let icp = document.icp else { return nil }
        var preview = ICPPreview(icp: icp, evaluation: evaluation)
        preview.overlap = overlap
        return PreviewListing(preview: preview, change: change)
    }
}
