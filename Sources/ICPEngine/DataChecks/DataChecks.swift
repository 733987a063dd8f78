import ICPLanguage
/// The checks of checks.md that need the dataset: fields and values against the columns, and
/// the counts of an evaluation against the workspace's thresholds.
public enum DataChecks {
    /// `unknown-field`, `type-mismatch` and `value-not-found` for every complete parameter,
    /// persona parameters against `contacts` when there is a contacts table.
    /// Bindings and value catalogs come from the engine's caches, so a keystroke re-reads only the edited condition.
    public static func fieldsAndValues(of icp: ICP, engine: Engine, datasetName: String) -> [Diagnostic] {
        var diagnostics = icp.parameters.flatMap { check($0, in: engine.accounts, onContacts: false, engine: engine, datasetName: datasetName) }
        if let contacts = engine.contacts {
            for persona in icp.personas {
                diagnostics += persona.parameters.flatMap { check($0, in: contacts, onContacts: true, engine: engine, datasetName: "the contacts table") }
            }
        }
        return diagnostics
    }

    static func check(_ parameter: Parameter, in store: ColumnStore, onContacts: Bool, engine: Engine, datasetName: String) -> [Diagnostic] {
        guard let field = parameter.field, let condition = parameter.condition else { return [] }
        guard let column = store.column(named: field.value) else {
            return [unknownColumn(field, in: store, named: datasetName)]
        }
        if let decay = parameter.decay, column.type != .date {
            return [Diagnostic(.typeMismatch, decay.range, "`decay` fades points with the age of a date, but `\(field.value)` holds \(column.type.rawValue) values; put it on a date column, or remove it.")]
        }
        let problems = engine.binding(field.value, condition.value, onContacts: onContacts)?.problems ?? []
        if !problems.isEmpty {
            // Cached problems name their value by text; it is placed where that value stands now (first occurrence).
            var ranges: [String: SourceRange] = [:]
            for value in condition.value.values where ranges[value.text] == nil { ranges[value.text] = value.range }
            return problems.map { problem in
                Diagnostic(.typeMismatch, problem.value.flatMap { ranges[$0] } ?? condition.range, problem.message)
            }
        }
        // A table with a header and no rows holds no value at all; `counts` says so once.
        guard store.rowCount > 0 else { return [] }
        return valuesNotFound(condition.value, in: column, catalog: engine.catalog(of: column, onContacts: onContacts))
    }

    /// Spelling suggestions are looked for among the first this many values not found in a
    /// condition; the rest are reported without one, so a list of thousands of typos stays cheap.
    static let suggestionLimit = 100

    /// `unknown-field` for a name that is not a column of `store`, with the closest column or the list of them.
    static func unknownColumn(_ field: Located<String>, in store: ColumnStore, named tableName: String, setting: String? = nil) -> Diagnostic {
        let subject = setting.map { "`\($0)` names `\(field.value)`, which" } ?? "`\(field.value)`"
        if let suggestion = ClosestMatch.column(field.value, in: store.columnNames) {
            return Diagnostic(.unknownField, field.range, "\(subject) is not a column of \(tableName); did you mean `\(suggestion)`?", replacement: suggestion)
        }
        let names = store.columnNames.prefix(15).map { "`\($0)`" }.joined(separator: ", ") + (store.columns.count > 15 ? ", ..." : "")
        return Diagnostic(.unknownField, field.range, "\(subject) is not a column of \(tableName); the columns are \(names).")
    }

    /// Condition values that no record has, with the closest value that some record has. The
    /// catalog is made only for conditions that name values: a range over a million distinct
    /// numbers builds none.
    static func valuesNotFound(_ condition: Condition, in column: Column, catalog makeCatalog: @autoclosure () -> ValueCatalog) -> [Diagnostic] {
        let values: [ConditionValue]
        switch condition {
        case .equals, .oneOf, .allOf, .containsAny: values = condition.values
        default: return []
        }
        let catalog = makeCatalog()
        var misses = 0
        return values.compactMap { value in
            let found: Bool = if case .containsAny = condition {
                catalog.anyContains(TextNormalization.normalize(value.text))
            } else {
                catalog.contains(value.text)
            }
            guard !found else { return nil }
            let finding = if case .containsAny = condition {
                "No value of `\(column.name)` contains `\(value.text)`"
            } else {
                "No record has `\(column.name)` = `\(value.text)`"
            }
            misses += 1
            if misses <= suggestionLimit, let suggestion = catalog.closest(to: value.text) {
                return Diagnostic(.valueNotFound, value.range, "\(finding); did you mean `\(suggestion.text)` (\(CountFormat.grouped(suggestion.count)) records)?", replacement: suggestion.text)
            }
            return Diagnostic(.valueNotFound, value.range, "\(finding); check the spelling against the data.")
        }
    }

    /// `zero-qualified`, `too-tight`, `too-broad` and `missing-data` from an evaluation.
    public static func counts(of icp: ICP, evaluation: ICPEvaluation, accounts: ColumnStore, thresholds: CheckThresholds) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let range = icp.code?.range ?? icp.parametersKeyRange ?? SourceRange(at: .start)
        let total = evaluation.total
        let qualified = evaluation.qualifiedCount
        guard !evaluation.parameters.isEmpty else { return [] }
        guard total > 0 else {
            return [Diagnostic(.zeroQualified, range, "The dataset holds no records (a header and no rows), so nothing can qualify; check the export, or `datasets.accounts` in icp.workspace.yaml.")]
        }
        if qualified == 0 {
            diagnostics.append(Diagnostic(.zeroQualified, range, "No record qualifies (0 of \(CountFormat.grouped(total))). \(remedies(icp, evaluation))"))
        } else if qualified < thresholds.minQualified {
            diagnostics.append(Diagnostic(.tooTight, range, "Only \(CountFormat.grouped(qualified)) of \(CountFormat.grouped(total)) records qualify, fewer than min_qualified (\(thresholds.minQualified)). \(remedies(icp, evaluation))"))
        }
        let share = Double(qualified) / Double(total)
        if share > thresholds.maxShare {
            diagnostics.append(Diagnostic(.tooBroad, range, "\(CountFormat.grouped(qualified)) of \(CountFormat.grouped(total)) records qualify (\(CountFormat.percent(share))), more than max_share (\(CountFormat.percent(thresholds.maxShare))); narrow the ICP with a filter or an exclude."))
        }
        // Fields worth enriching: filled with passing values, enough more accounts could qualify.
        let gain = max(1, Int((thresholds.enrichmentGain * Double(max(qualified, 1))).rounded(.up)))
        for figures in evaluation.enrichment(qualifyingAtLeast: gain) where figures.wouldQualify >= gain {
            guard let outcome = evaluation.parameters.first(where: { $0.field == figures.field }), let field = icp.parameters[outcome.index].field else { continue }
            diagnostics.append(Diagnostic(.enrichment, field.range, "E" + figures.sentence.dropFirst()
                + " (were each given a value that passes: an upper bound). `icp list --missing \(figures.field)` lists them."))
        }
        // A filter that lets a missing value through (`missing: pass` or `neutral`) loses nothing to it.
        for outcome in evaluation.parameters where outcome.mode == .filter && outcome.missing == .fail {
            guard let column = accounts.column(named: outcome.field), let field = icp.parameters[outcome.index].field else { continue }
            let missingShare = Double(column.rowCount - column.presentCount) / Double(total)
            if missingShare > thresholds.maxMissingShare {
                diagnostics.append(Diagnostic(.missingData, field.range, "`\(outcome.field)` is missing in \(CountFormat.percent(missingShare)) of records (\(CountFormat.grouped(column.rowCount - column.presentCount)) of \(CountFormat.grouped(total))), and a filter fails on a missing value; enrich this field, make this parameter a score, or let missing values through with `missing: neutral`."))
            }
        }
        return diagnostics
    }

    /// `shadowed`: a live ICP that keeps less than `min_kept_share` of the accounts it qualifies,
    /// because live ICPs of higher precedence (a lower priority number, or a tie won on score
    /// or code) take them. `ranking` holds the workspace's live ICPs; `excluding` is this ICP's
    /// own entry there (as saved), which its current text replaces.
    public static func shadowed(_ icp: ICP, evaluation: ICPEvaluation, ranking: RivalRanking, excluding: Int?, thresholds: CheckThresholds) -> Diagnostic? {
        let qualified = evaluation.qualifiedCount
        guard icp.status == .live, let code = icp.code, qualified > 0 else { return nil }
        let me = WorkspaceScoring.Entry(icp: icp, evaluation: evaluation)
        var kept = 0
        var taken: [Int: Int] = [:]
        evaluation.qualified.forEach { row in
            if let rival = ranking.best(at: row, excluding: excluding), WorkspaceScoring.wins(ranking.entries[rival], row: row, over: me) {
                taken[rival, default: 0] += 1
            } else {
                kept += 1
            }
        }
        guard Double(kept) < thresholds.minKeptShare * Double(qualified) else { return nil }
        let takers = taken.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { index, count in
            let rival = ranking.entries[index].icp
            return "\(CountFormat.grouped(count)) go to `\(rival.code?.value ?? "")` (priority \(rival.priority))"
        }
        let share = CountFormat.percent(Double(kept) / Double(qualified))
        return Diagnostic(.shadowed, code.range, "`\(code.value)` qualifies \(CountFormat.grouped(qualified)), of which \(takers.joined(separator: ", ")); it keeps \(CountFormat.grouped(kept)) (\(share)), less than min_kept_share (\(CountFormat.percent(thresholds.minKeptShare))). If these accounts should be its, give it a lower `priority` number than theirs (now \(icp.priority)); else narrow it to what the others leave. `icp overlap` shows the matrix.")
    }

    /// "Removing the filter on `x` (line 12) would qualify 340; ..." for the parameters whose removal helps most.
    static func remedies(_ icp: ICP, _ evaluation: ICPEvaluation) -> String {
        let current = evaluation.qualifiedCount
        let helpful = evaluation.parameters.filter { $0.without > current }.sorted { $0.without > $1.without }.prefix(3)
        var parts = helpful.map { outcome in
            let line = icp.parameters[outcome.index].range.start.line + 1
            return "removing the \(outcome.mode.rawValue) on `\(outcome.field)` (line \(line)) would qualify \(CountFormat.grouped(outcome.without))"
        }
        if icp.minScore > 0 {
            let withoutMinimum = evaluation.gate.cardinality
            if withoutMinimum > current {
                parts.append("with min_score 0, \(CountFormat.grouped(withoutMinimum)) would qualify")
            }
        }
        guard let first = parts.first else {
            return "No single parameter's removal helps: several of them rule out every record together."
        }
        return (first.prefix(1).uppercased() + first.dropFirst()) + (parts.count > 1 ? "; " + parts.dropFirst().joined(separator: "; ") : "") + "."
    }
}
