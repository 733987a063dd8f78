import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `textDocument/codeLens`: the ICP's headline above its `icp` line, its accounts (qualifying,
/// won outside), and what the text being typed does against the default branch.
public enum LensFeature {
    /// The commands the lenses run (the server names them to the client).
    public static let previewCommand = "icp.preview"
    public static let accountsCommand = "icp.accounts"

    /// `document`: the URI the commands are given back.
    public static func lenses(of snapshot: FileSnapshot, document: String) -> [FeatureLens] {
        guard let shown = snapshot.shown else { return [] }
        let range = snapshot.document.icp?.code?.range ?? SourceRange(at: .start)
        let evaluation = shown.evaluated.evaluation
        var lenses = [FeatureLens(range: range, title: Summary.headline(evaluation) + (shown.stale ? " (last valid version)" : ""),
                                  command: previewCommand, arguments: [document])]
        // The accounts behind the counts, as documents: who qualifies, and the won deals it misses.
        lenses.append(FeatureLens(range: range, title: "\(CountFormat.grouped(evaluation.qualifiedCount)) accounts",
                                  command: accountsCommand, arguments: [document, AccountList.Kind.qualified.rawValue]))
        if !shown.stale, let title = baseTitle(shown.evaluated, base: snapshot.base, format: snapshot.format) {
            lenses.append(FeatureLens(range: range, title: title, command: previewCommand, arguments: [document]))
        }
        if let outside = evaluation.outcomes?.wonOutside {
            lenses.append(FeatureLens(range: range, title: "\(CountFormat.grouped(outside)) won outside",
                                      command: accountsCommand, arguments: [document, AccountList.Kind.wonOutside.rawValue]))
        }
        return lenses
    }

    /// `vs main: +312 / −45 accounts` for the current evaluation; nil without a base.
    static func baseTitle(_ evaluated: Evaluated, base: BaseVersion?, format: SourceFormat) -> String? {
        guard let base else { return nil }
        guard let text = base.text else { return "new vs \(base.branch)" }
        guard let icp = ICPDocument(text: text, format: format).icp else { return nil }
        let engine = evaluated.data.engine
        let comparison = ICPComparison.compare(base: (icp, engine.evaluateUnchanged(icp)), head: (evaluated.icp, evaluated.evaluation), engine: engine)
        if comparison.change == .none { return "vs \(base.branch): unchanged" }
        return "vs \(base.branch): +\(CountFormat.grouped(comparison.added.count)) / −\(CountFormat.grouped(comparison.removed.count)) accounts"
    }
}

/// `textDocument/inlayHint`: the running funnel at the end of each parameter.
public enum HintFeature {
    /// The hints on lines `first...last`. Hints sit at positions of the current text, so only a
    /// current evaluation can place them.
    public static func hints(in snapshot: FileSnapshot, lines first: Int, _ last: Int) -> [FeatureHint] {
        guard let evaluated = snapshot.current else { return [] }
        let source = snapshot.source
        return evaluated.evaluation.parameters.compactMap { outcome in
            guard outcome.fieldExists else { return nil }
            let end = evaluated.icp.parameters[outcome.index].range.end
            let lineEnd = source.position(atOffset: source.lineEnd(end.line))
            guard lineEnd.line >= first, lineEnd.line <= last else { return nil }
            return FeatureHint(position: lineEnd, label: Summary.hint(outcome, in: evaluated.evaluation),
                               tooltip: "matches \(CountFormat.grouped(outcome.matched.cardinality)) · without it \(CountFormat.grouped(outcome.without)) would qualify")
        }
    }
}
