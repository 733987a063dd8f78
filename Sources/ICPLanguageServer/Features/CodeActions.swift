import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPFeatures

/// `textDocument/codeAction`: the feature layer's quick fixes and rewrites, the column renaming
/// across the workspace (which needs the other files), and the costly rewrites (a range widened,
/// parameters proposed from won deals) where the cursor is on what they change, worked out off
/// the actor once per version (``costly(_:for:)``).
extension LanguageServer {
    func codeActions(_ params: CodeActionParams) throws -> [CodeAction] {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp else { return [] }
        let source = document.source
        let start = encoding.offset(params.range.start, in: source)
        let end = encoding.offset(params.range.end, in: source)
        let snapshot = snapshot(of: document)
        var found = CodeActionFeature.candidates(from: start, to: end, in: snapshot)
        // A column the data no longer has, with a close one it has: renamed in every file using it.
        for action in found where action.kind == .quickfix {
            if let diagnostic = action.fixes.first, diagnostic.code == .unknownField, let replacement = diagnostic.replacement,
               let renaming = columnRenamingFix(at: diagnostic.range, to: replacement, in: document) {
                found.append(renaming)
            }
        }
        if let index = CodeActionFeature.rangeFilter(at: start, in: snapshot) {
            found += try costly(.widening(index), for: snapshot)
        }
        if CodeActionFeature.proposalApplies(at: start, in: snapshot) {
            found += try costly(.proposal, for: snapshot)
        }
        var actions = found.map { action in
            CodeAction(title: action.title, kind: action.kind.rawValue, diagnostics: action.fixes.isEmpty ? nil : action.fixes.map { lspDiagnostic($0, in: source) },
                       isPreferred: action.isPreferred ? true : nil, edit: workspaceEdit(action.edits, in: document))
        }
        if let only = params.context?.only, !only.isEmpty {
            actions = actions.filter { action in only.contains { action.kind == $0 || action.kind.hasPrefix($0 + ".") } }
        }
        return actions
    }

    /// A column the data no longer has, with a close one it has (`employees` gone,
    /// `employee_count` new): renamed in every ICP file of the workspace that uses it, when
    /// more than this one does.
    private func columnRenamingFix(at range: SourceRange, to replacement: String, in document: OpenDocument) -> FeatureAction? {
        guard let column = document.document.icp?.parameters.compactMap(\.field).first(where: { $0.range == range })?.value else { return nil }
        let edits = columnRenamingEdits(column, to: replacement, near: document.url)
        let files = Set(edits.map(\.file)).filter { $0.lastPathComponent != WorkspaceKey.fileName }.count
        guard files > 1, let diagnostic = document.diagnostics.first(where: { $0.range == range && $0.code == .unknownField }) else { return nil }
        return FeatureAction(title: "Rename `\(column)` to `\(replacement)` in \(files) ICP files", kind: .quickfix, fixes: [diagnostic], edits: edits)
    }

    /// Rewrites that cost a scan or a derivation over the data.
    enum CostlyAction: Hashable {
        case widening(Int)
        case proposal
    }

    /// The costly rewrite `kind` of the snapshot's document at its version: kept once worked out;
    /// the first request for it starts it off the actor and waits (parked, like a request for
    /// data) while other requests are answered; one whose wait runs out goes without it.
    private func costly(_ kind: CostlyAction, for snapshot: FileSnapshot) throws -> [FeatureAction] {
        let key = CostlyKey(url: snapshot.url, version: snapshot.version, kind: kind)
        if let done = costlyActions[key] { return done }
        if answeringWithoutWaiting { return [] }
        if costlyWork[key] == nil {
            costlyWork[key] = Task.detached { [weak self] in
                let action: FeatureAction? = switch kind {
                case .widening(let index): CodeActionFeature.widening(of: index, in: snapshot)
                case .proposal: CodeActionFeature.proposal(in: snapshot)
                }
                await self?.finishCostly(key, action.map { [$0] } ?? [])
            }
        }
        throw WaitingForData()
    }

    private func finishCostly(_ key: CostlyKey, _ actions: [FeatureAction]) {
        ActorContext.$isOnActor.withValue(true) {
            costlyWork[key] = nil
            // Only the document's current version keeps its rewrites.
            guard documents.values.contains(where: { $0.url == key.url && $0.version == key.version }) else { return }
            costlyActions = costlyActions.filter { $0.key.url != key.url || $0.key.version == key.version }
            costlyActions[key] = actions
            answerWaitingRequests()
        }
    }
}

/// A costly code action of one document version.
struct CostlyKey: Hashable {
    let url: URL
    let version: Int
    let kind: LanguageServer.CostlyAction
}
