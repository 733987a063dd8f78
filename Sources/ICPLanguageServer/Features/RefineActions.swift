import ICPCore

/// Refinements one keystroke away, for the parameter under the cursor: a filter turned into an
/// exclude, and a range filter widened to let in its nearest misses; each titled with the count.
extension LanguageServer {
    /// The misses a widening lets in: a tenth of those qualifying now, at least 10.
    static func wideningCount(qualified: Int) -> Int { Swift.max(10, qualified / 10) }

    func refineActions(at offset: Int, in document: OpenDocument) -> [CodeAction] {
        guard let evaluated = document.current, let location = document.document.tree.location(at: offset), let item = location.parameterIndex,
              let editor = ParameterListEditor(document.document.tree, format: SourceFormat(fileName: document.url.lastPathComponent)),
              let node = editor.item(item),
              let index = evaluated.icp.parameters.firstIndex(where: { $0.range.start.offset == node.range.start.offset }),
              evaluated.icp.parameters[index].mode?.value == .filter else { return [] }
        let engine = evaluated.data.engine
        let now = evaluated.evaluation.qualifiedCount
        var actions: [CodeAction] = []
        func action(_ title: String, _ changes: [TextChange]) -> CodeAction {
            CodeAction(title: title, kind: "refactor.rewrite", diagnostics: nil, isPreferred: nil,
                       edit: workspaceEdit(changes.map { textEdit($0, in: document.source) }, in: document))
        }
        var excluded = evaluated.icp
        excluded.parameters[index].mode = excluded.parameters[index].mode.map { Located(.exclude, $0.range) }
        if let change = editor.settingMode(.exclude, in: item) {
            let count = engine.evaluate(excluded).qualifiedCount
            actions.append(action("Turn this filter into an exclude (\(CountFormat.grouped(count)) would qualify, now \(CountFormat.grouped(now)))", [change]))
        }
        if let widening = engine.widening(evaluated.icp, parameter: index, count: Self.wideningCount(qualified: now)) {
            var widened = evaluated.icp
            guard case .range(let min, let max)? = widened.parameters[index].condition?.value else { return actions }
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
            actions.append(action("Widen this range to include the \(CountFormat.grouped(widening.misses)) nearest misses (\(bounds): \(CountFormat.grouped(count)) would qualify, now \(CountFormat.grouped(now)))", changes))
        }
        return actions
    }
}
