import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `textDocument/codeAction`'s candidates: quick fixes for findings, and rewrites of the
/// parameter under the cursor. The quick ones are made here; the costly ones (a range widened to
/// its nearest misses, parameters proposed from won deals) are asked for apart, where the cursor
/// is on what they change, so a front end can work them out off its main thread once per version.
public enum CodeActionFeature {
    /// The quick fixes for `snapshot`'s findings that touch bytes `start...end`, and the
    /// rewrites of the parameter at `start`.
    public static func candidates(from start: Int, to end: Int, in snapshot: FileSnapshot) -> [FeatureAction] {
        let source = snapshot.source
        var actions: [FeatureAction] = []
        for diagnostic in snapshot.diagnostics where diagnostic.range.start.offset <= end && start <= diagnostic.range.end.offset {
            if diagnostic.code == .weightIgnored, let removal = weightRemoval(at: diagnostic.range, in: snapshot) {
                actions.append(FeatureAction(title: "Remove the ignored weight", kind: .quickfix, fixes: [diagnostic], isPreferred: true, edits: [removal]))
            } else if let replacement = diagnostic.replacement, !replacement.isEmpty {
                let written = String(decoding: source.bytes[diagnostic.range.start.offset..<diagnostic.range.end.offset], as: UTF8.self)
                actions.append(FeatureAction(title: "Replace `\(written)` with `\(replacement)`", kind: .quickfix, fixes: [diagnostic], isPreferred: true,
                                             edits: [FeatureEdit(file: snapshot.url, source: source, range: diagnostic.range, text: replacement)]))
            } else if [.zeroQualified, .tooTight].contains(diagnostic.code), let removal = blockingParameterRemoval(snapshot) {
                actions.append(FeatureAction(title: removal.title, kind: .quickfix, fixes: [diagnostic], edits: [removal.edit]))
            }
        }
        if let conversion = modeConversion(at: start, in: snapshot) { actions.append(conversion) }
        if let exclusion = exclusion(at: start, in: snapshot) { actions.append(exclusion) }
        return actions
    }

    /// The parameter at `offset` when it is a filter on a range: what a widening would change.
    public static func rangeFilter(at offset: Int, in snapshot: FileSnapshot) -> Int? {
        guard let target = filter(at: offset, in: snapshot), case .range? = target.evaluated.icp.parameters[target.index].condition?.value else { return nil }
        return target.index
    }

    /// Whether `offset` is on what a proposal changes: the lines that name the ICP (its code, its
    /// name) and the line of its `parameters` key, or the start of the file.
    public static func proposalApplies(at offset: Int, in snapshot: FileSnapshot) -> Bool {
        let line = snapshot.source.position(atOffset: offset).line
        let entries = snapshot.document.tree.root?.mapping?.entries ?? []
        let lines = entries.filter { [ICPKey.icp.rawValue, ICPKey.name.rawValue, ICPKey.parameters.rawValue].contains($0.key.scalar?.text) }.map(\.key.range.start.line)
        return offset == 0 || lines.contains(line)
    }

    /// The misses a widening lets in: a tenth of those qualifying now, at least 10.
    public static func wideningCount(qualified: Int) -> Int { Swift.max(10, qualified / 10) }

    /// "Widen this range to include the N nearest misses (...)" for the range filter `index`.
    public static func widening(of index: Int, in snapshot: FileSnapshot) -> FeatureAction? {
        guard let evaluated = snapshot.current, let editor = ParameterListEditor(snapshot.document.tree, format: snapshot.format),
              let item = editor.sequence.items.firstIndex(where: { $0.range.start.offset == evaluated.icp.parameters[index].range.start.offset }) else { return nil }
        let engine = evaluated.data.engine
        let now = evaluated.evaluation.qualifiedCount
        guard let widening = engine.widening(evaluated.icp, parameter: index, count: wideningCount(qualified: now)),
              case .range(let min, let max)? = evaluated.icp.parameters[index].condition?.value else { return nil }
        var widened = evaluated.icp
        func value(_ number: Double?, _ old: ConditionValue?) -> ConditionValue? {
            number.map { ConditionValue(text: CountFormat.plain($0), range: old?.range ?? SourceRange(at: .start), isQuoted: false) } ?? old
        }
        let condition = Condition.range(min: value(widening.min, min), max: value(widening.max, max))
        widened.parameters[index].condition = widened.parameters[index].condition.map { Located(condition, $0.range) }
        let count = engine.evaluate(widened).qualifiedCount
        // One edit at a time: min and max written on one line would overlap as two.
        var changes: [TextChange] = []
        if let low = widening.min, let change = editor.setting("min", to: CountFormat.plain(low), in: item) { changes.append(change) }
        if let high = widening.max, let change = editor.setting("max", to: CountFormat.plain(high), in: item) { changes.append(change) }
        let bounds = [widening.min.map { "min \(CountFormat.plain($0))" }, widening.max.map { "max \(CountFormat.plain($0))" }].compactMap { $0 }.joined(separator: ", ")
        return FeatureAction(title: "Widen this range to include the \(CountFormat.grouped(widening.misses)) nearest misses (\(bounds): \(CountFormat.grouped(count)) would qualify, now \(CountFormat.grouped(now)))",
                             kind: .rewrite, edits: changes.map { FeatureEdit($0, in: snapshot.source, file: snapshot.url) })
    }

    /// "Propose parameters from won deals": the parameters `icp derive` proposes on the data for
    /// fields the ICP does not use yet, added at the end of its parameter list with their
    /// evidence, and in the title what they would do to the qualified count and lift.
    public static func proposal(in snapshot: FileSnapshot) -> FeatureAction? {
        guard let evaluated = snapshot.current, let derivation = evaluated.data.engine.proposal(), derivation.caution == nil,
              let editor = ParameterListEditor(snapshot.document.tree, format: snapshot.format), !editor.sequence.items.isEmpty else { return nil }
        let engine = evaluated.data.engine
        let used = Set(evaluated.icp.parameters.compactMap { $0.field?.value })
        func adding(_ parameters: [DerivedParameter]) -> ICP {
            var icp = evaluated.icp
            icp.parameters += Derivation.model(code: "proposal", parameters: parameters, minScore: 0, tiers: []).parameters
            return icp
        }
        // A filter or exclude that removes no account the ICP qualifies now would only add lines.
        let missing = derivation.parameters.filter { parameter in
            !used.contains(parameter.field)
                && (parameter.mode == .score || engine.evaluate(adding([parameter])).qualifiedCount != evaluated.evaluation.qualifiedCount)
        }
        guard !missing.isEmpty else { return nil }
        let after = engine.evaluate(adding(missing))
        let fields = missing.map(\.field).joined(separator: ", ")
        var title = "Propose parameters from won deals: add \(fields) (qualified \(CountFormat.grouped(evaluated.evaluation.qualifiedCount)) → \(CountFormat.grouped(after.qualifiedCount))"
        if let before = evaluated.evaluation.outcomes?.lift, let now = after.outcomes?.lift {
            title += ", lift \(CountFormat.decimal(before, digits: 2))× → \(CountFormat.decimal(now, digits: 2))×"
        }
        title += ")"
        // Block YAML gets each parameter on its own lines under its evidence comment; a flow list
        // or JSON (which has no comments) gets `, {...}` items.
        guard let change = editor.insertion(of: missing.map(\.written)) else { return nil }
        return FeatureAction(title: title, kind: .rewrite, edits: [FeatureEdit(change, in: snapshot.source, file: snapshot.url)])
    }

    // MARK: Quick ones

    /// Removes the `weight` pair whose value is at `range`, as `icp refine` removes a key: its
    /// whole line in block style, else the pair and its comma.
    private static func weightRemoval(at range: SourceRange, in snapshot: FileSnapshot) -> FeatureEdit? {
        guard let location = snapshot.document.tree.location(at: range.start.offset), let index = location.parameterIndex,
              let editor = ParameterListEditor(snapshot.document.tree, format: snapshot.format),
              let removal = editor.removal(ofKey: ParameterKey.weight.rawValue, in: index) else { return nil }
        return FeatureEdit(removal, in: snapshot.source, file: snapshot.url)
    }

    /// "Remove the filter on `x` (line N): M would qualify", for the parameter whose removal helps
    /// most: the item goes (with its comma in a flow list or JSON), as `icp refine`'s "drop" does.
    private static func blockingParameterRemoval(_ snapshot: FileSnapshot) -> (title: String, edit: FeatureEdit)? {
        guard let evaluated = snapshot.current, let editor = ParameterListEditor(snapshot.document.tree, format: snapshot.format) else { return nil }
        let current = evaluated.evaluation.qualifiedCount
        guard let best = evaluated.evaluation.parameters.filter({ $0.without > current }).max(by: { $0.without < $1.without }) else { return nil }
        let range = evaluated.icp.parameters[best.index].range
        guard let item = editor.sequence.items.firstIndex(where: { $0.range.start.offset == range.start.offset }),
              let removal = editor.removal(of: item) else { return nil }
        let title = "Remove the \(best.mode.rawValue) on `\(best.field)` (line \(range.start.line + 1)): \(CountFormat.grouped(best.without)) would qualify"
        return (title, FeatureEdit(removal, in: snapshot.source, file: snapshot.url))
    }

    /// "Make this filter a score (N would qualify)" and back, for the parameter at `offset`.
    private static func modeConversion(at offset: Int, in snapshot: FileSnapshot) -> FeatureAction? {
        guard let location = snapshot.document.tree.location(at: offset), let index = location.parameterIndex,
              var icp = snapshot.document.icp, index < icp.parameters.count, let mode = icp.parameters[index].mode,
              let editor = ParameterListEditor(snapshot.document.tree, format: snapshot.format) else { return nil }
        let target: ParameterMode
        switch mode.value {
        case .filter: target = .score
        case .score: target = .filter
        case .exclude: return nil
        }
        // The same edit as `icp refine`'s: in JSON the new mode keeps its quotes.
        guard let change = editor.settingMode(target, in: index) else { return nil }
        icp.parameters[index].mode = Located(target, mode.range)
        var title = "Make this \(mode.value.rawValue) a \(target.rawValue)"
        if let evaluated = snapshot.current {
            title += " (\(CountFormat.grouped(evaluated.data.engine.evaluate(icp).qualifiedCount)) would qualify, now \(CountFormat.grouped(evaluated.evaluation.qualifiedCount)))"
        }
        return FeatureAction(title: title, kind: .rewrite, edits: [FeatureEdit(change, in: snapshot.source, file: snapshot.url)])
    }

    /// "Turn this filter into an exclude (N would qualify, now M)" for the filter at `offset`.
    private static func exclusion(at offset: Int, in snapshot: FileSnapshot) -> FeatureAction? {
        guard let target = filter(at: offset, in: snapshot), let change = target.editor.settingMode(.exclude, in: target.item) else { return nil }
        var excluded = target.evaluated.icp
        excluded.parameters[target.index].mode = excluded.parameters[target.index].mode.map { Located(.exclude, $0.range) }
        let count = target.evaluated.data.engine.evaluate(excluded).qualifiedCount
        return FeatureAction(title: "Turn this filter into an exclude (\(CountFormat.grouped(count)) would qualify, now \(CountFormat.grouped(target.evaluated.evaluation.qualifiedCount)))",
                             kind: .rewrite, edits: [FeatureEdit(change, in: snapshot.source, file: snapshot.url)])
    }

    /// The filter parameter at `offset` of a currently evaluated text: its index in the ICP and
    /// its item in the list.
    private static func filter(at offset: Int, in snapshot: FileSnapshot) -> (evaluated: Evaluated, editor: ParameterListEditor, item: Int, index: Int)? {
        guard let evaluated = snapshot.current, let location = snapshot.document.tree.location(at: offset), let item = location.parameterIndex,
              let editor = ParameterListEditor(snapshot.document.tree, format: snapshot.format), let node = editor.item(item),
              let index = evaluated.icp.parameters.firstIndex(where: { $0.range.start.offset == node.range.start.offset }),
              evaluated.icp.parameters[index].mode?.value == .filter else { return nil }
        return (evaluated, editor, item, index)
    }
}
