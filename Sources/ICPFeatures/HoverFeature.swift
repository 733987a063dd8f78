import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `textDocument/hover`: the ICP's headline, a parameter's funnel, a field's profile, a value's
/// count, or a key's meaning, as markdown.
public enum HoverFeature {
    public static func hover(at offset: Int, in snapshot: FileSnapshot) -> HoverAnswer? {
        guard let location = snapshot.document.tree.location(at: offset) else { return nil }
        var sections: [String] = []
        if let shown = snapshot.shown {
            sections = dataHover(location, shown.evaluated)
            if shown.stale, !sections.isEmpty { sections.append("_Figures of the last version without errors; fix the errors above to refresh._") }
        }
        if sections.isEmpty, snapshot.shown == nil, !location.isKey, location.path.first == .key(ICPKey.icp.rawValue), let note = noFigures(snapshot) {
            sections = [note]
        }
        if sections.isEmpty, location.isKey, let help = keyHelp(location) { sections = [help] }
        if let loading = snapshot.loadingNote { sections.append("_\(loading)_") }
        guard !sections.isEmpty else { return nil }
        return HoverAnswer(markdown: sections.joined(separator: "\n\n"), range: location.node.range)
    }

    /// The hover's markdown as plain text (for clients that prefer it): no `**`, backticks or `_`
    /// emphasis, hard breaks as line breaks.
    public static func plainText(_ markdown: String) -> String {
        markdown.replacing("  \n", with: "\n").replacing("**", with: "").replacing("`", with: "")
            .split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.count > 1 && line.hasPrefix("_") && line.hasSuffix("_") ? String(line.dropFirst().dropLast()) : String(line)
            }.joined(separator: "\n")
    }

    /// On the code of a file that has never been without errors: why there are no figures, and
    /// where the first error is (the gate of architecture.md: no figures from a file with errors).
    private static func noFigures(_ snapshot: FileSnapshot) -> String? {
        let errors = snapshot.diagnostics.filter { $0.severity == .error }
        guard let first = errors.first else { return nil }
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        return "No records counted yet: this file has \(count), and figures come from a version without errors. "
            + "Line \(first.range.start.line + 1): \(first.message)"
    }

    private static func keyHelp(_ location: SyntaxLocation) -> String? {
        guard let key = location.keys.last else { return nil }
        let inParameter = location.path.contains { if case .index = $0 { true } else { false } }
        if inParameter, let parameterKey = ParameterKey(rawValue: key), let text = KeyDocumentation.parameter[parameterKey] {
            return "**\(key)**: \(text)"
        }
        if location.path.first == .key(ICPKey.personas.rawValue), let personaKey = PersonaKey(rawValue: key), let text = KeyDocumentation.persona[personaKey] {
            return "**\(key)**: \(text)"
        }
        return ICPKey(rawValue: key).flatMap { KeyDocumentation.icp[$0] }.map { "**\(key)**: \($0)" }
    }

    private static func dataHover(_ location: SyntaxLocation, _ evaluated: Evaluated) -> [String] {
        let evaluation = evaluated.evaluation
        if location.path.first == .key(ICPKey.icp.rawValue) || location.path.first == .key(ICPKey.name.rawValue) {
            return [headlineHover(evaluated)]
        }
        guard let index = location.parameterIndex, let outcome = evaluation.parameters.first(where: { $0.index == index }) else { return [] }
        let keys = location.keys
        let engine = evaluated.data.engine
        if keys.last == ParameterKey.field.rawValue, !location.isKey, let profile = engine.profile(of: outcome.field) {
            return [fieldHover(profile)] + [enrichmentLine(outcome.field, evaluation)].compactMap { $0 }
        }
        let conditionKeys: Set<String> = [ParameterKey.is, .in, .allOf, .containsAny].map(\.rawValue).reduce(into: []) { $0.insert($1) }
        if let key = keys.last, conditionKeys.contains(key), !location.isKey, let scalar = location.node.scalar, let profile = engine.profile(of: outcome.field) {
            // The value alone, matched as the evaluation matches it: a record counts once.
            let value = ConditionValue(text: scalar.text, range: scalar.range, isQuoted: false)
            let alone: Condition = key == ParameterKey.containsAny.rawValue ? .containsAny([value]) : .oneOf([value])
            let count = engine.matchCount(outcome.field, alone) ?? profile.count(of: scalar.text)
            let verb = key == ParameterKey.containsAny.rawValue ? "contain" : "have"
            return ["**\(CountFormat.grouped(count))** of \(CountFormat.grouped(profile.total)) records \(verb) `\(scalar.text)` in `\(outcome.field)`."]
        }
        return [parameterHover(outcome, evaluated)]
    }

    /// "Enrich `revenue_usd` for 412 accounts: up to 98 more would qualify, ..." when filling the
    /// field could change some account's outcome.
    private static func enrichmentLine(_ field: String, _ evaluation: ICPEvaluation) -> String? {
        guard let figures = evaluation.enrichment(of: field).first, figures.candidates.cardinality > 0 else { return nil }
        return "E" + figures.sentence.dropFirst() + " (were each given a value that passes: an upper bound); `icp list --missing \(field)` lists them"
    }

    private static func headlineHover(_ evaluated: Evaluated) -> String {
        let evaluation = evaluated.evaluation
        // The count first: clients that show one line (eldoc, a status line) show it.
        var lines = ["**\(CountFormat.grouped(evaluation.qualifiedCount))** of \(CountFormat.grouped(evaluation.total)) records qualify (\(CountFormat.percent(evaluation.share)))"
                        + " · **\(evaluated.icp.code?.value ?? "")** · \(evaluated.icp.displayName) (\(evaluated.icp.status.rawValue))"]
        if !evaluation.tiers.isEmpty {
            lines.append("Tiers: " + evaluation.tiers.map { "\($0.name) \(CountFormat.grouped($0.count))" }.joined(separator: " · "))
        }
        if let outcomes = evaluation.outcomes {
            let win = outcomes.winRate.map { CountFormat.percent($0) } ?? "-"
            let baseline = outcomes.baselineWinRate.map { CountFormat.percent($0) } ?? "-"
            let lift = outcomes.lift.map { " (lift \(CountFormat.decimal($0, digits: 1))×)" } ?? ""
            lines.append("Win rate \(win) vs \(baseline) baseline\(lift) · won coverage \(outcomes.wonCoverage.map { CountFormat.percent($0) } ?? "-")")
        }
        let personas = evaluation.personas.map { persona in
            guard let contacts = persona.contacts, let accounts = persona.accounts else { return "\(persona.code): no contacts table" }
            return "\(persona.code) \(CountFormat.grouped(contacts)) contacts in \(CountFormat.grouped(accounts)) accounts"
        }
        if !personas.isEmpty { lines.append("Personas: " + personas.joined(separator: " · ")) }
        // What a hosted qualification table shows beside the count: synced to the CRM, and when
        // the newest qualifying account came in (keys.synced, keys.created).
        var flow: [String] = []
        if let synced = evaluation.synced {
            let share = evaluation.qualifiedCount > 0 ? " (\(CountFormat.percent(Double(synced) / Double(evaluation.qualifiedCount), digits: 0)))" : ""
            flow.append("Synced \(CountFormat.grouped(synced)) of \(CountFormat.grouped(evaluation.qualifiedCount))\(share)")
        }
        if let last = evaluation.lastQualified { flow.append("last qualified \(last)") }
        if !flow.isEmpty { lines.append(flow.joined(separator: " · ")) }
        if let enriched = evaluation.enriched { lines.append("Enriched \(CountFormat.percent(enriched, digits: 0)) · on \(evaluated.data.datasetName)") }
        return lines.joined(separator: "  \n")
    }

    private static func parameterHover(_ outcome: ParameterOutcome, _ evaluated: Evaluated) -> String {
        let evaluation = evaluated.evaluation
        let parameter = evaluated.icp.parameters[outcome.index]
        let wanted = parameter.condition.map { RecordExplanation.describe($0.value, asOf: evaluated.data.engine.settings.asOf) } ?? ""
        let matched = outcome.matched.cardinality
        var lines = ["**\(outcome.mode.rawValue)** on `\(outcome.field)`: \(wanted) · matches **\(CountFormat.grouped(matched))** of \(CountFormat.grouped(evaluation.total))"
                        + " (\(CountFormat.percent(evaluation.total == 0 ? 0 : Double(matched) / Double(evaluation.total))))"]
        switch outcome.mode {
        case .filter, .exclude:
            lines.append("removes \(CountFormat.grouped(evaluation.removed(by: outcome))) → \(CountFormat.grouped(outcome.remaining)) left")
        case .score:
            lines.append("adds \(CountFormat.plain(outcome.weight)) of \(CountFormat.plain(evaluation.parameters.filter { $0.mode == .score }.reduce(0) { $0 + $1.weight })) score points · \(Summary.hint(outcome, in: evaluation))")
        }
        lines.append("without it: \(CountFormat.grouped(outcome.without)) would qualify (now \(CountFormat.grouped(evaluation.qualifiedCount)))")
        if let record = outcomeRecord(outcome, evaluated) { lines.append(record) }
        if let profile = evaluated.data.engine.profile(of: outcome.field) {
            lines.append("`\(outcome.field)` is missing in \(CountFormat.percent(1 - profile.coverage)) of records" + (outcome.missing == .fail ? "" : " (`missing: \(outcome.missing.rawValue)`)"))
            if let enrichment = enrichmentLine(outcome.field, evaluation) { lines.append(enrichment) }
            if let spread = profile.spread {
                lines.append("spread: min \(spread.minimum) · p25 \(spread.lowerQuartile) · median \(spread.median) · p75 \(spread.upperQuartile) · max \(spread.maximum)")
            }
            lines += readingLines(profile)
        } else {
            lines.append("`\(outcome.field)` is not a column of \(evaluated.data.datasetName)")
        }
        return lines.joined(separator: "  \n")
    }

    /// "past deals: won 62% of 151 it lets through · 38% of 1,749 it holds back", when the data has outcomes.
    private static func outcomeRecord(_ outcome: ParameterOutcome, _ evaluated: Evaluated) -> String? {
        guard let split = evaluated.data.engine.outcomesSplit(for: outcome) else { return nil }
        func rate(_ part: (won: Int, decided: Int)) -> String {
            part.decided == 0 ? "no decided deal" : "\(CountFormat.percent(Double(part.won) / Double(part.decided), digits: 0)) of \(CountFormat.grouped(part.decided))"
        }
        let (through, held) = outcome.mode == .score ? ("it matches", "it does not") : ("it lets through", "it holds back")
        return "past deals (churned as lost): won \(rate(split.through)) \(through) · \(rate(split.held)) \(held)"
    }

    private static func fieldHover(_ profile: ColumnProfile) -> String {
        var lines = ["**\(profile.name)** · \(profile.type.rawValue) · present in \(CountFormat.grouped(profile.present)) of \(CountFormat.grouped(profile.total)) records (\(CountFormat.percent(profile.coverage)))"]
        if let spread = profile.spread {
            lines.append("min \(spread.minimum) · p25 \(spread.lowerQuartile) · median \(spread.median) · p75 \(spread.upperQuartile) · max \(spread.maximum)")
        } else if !profile.values.isEmpty {
            lines.append("top values: " + profile.values.prefix(6).map { "\($0.text) (\(CountFormat.grouped($0.count)))" }.joined(separator: " · "))
            if profile.values.count > 6 { lines.append("\(CountFormat.grouped(profile.values.count)) distinct values") }
        }
        lines += readingLines(profile)
        return lines.joined(separator: "  \n")
    }

    /// How the column's cells were read, when that is more than their type says: the unit
    /// conditions compare in, how bands count, the order of dates, the yes/no words, and what
    /// the reading could not settle (data-files.md).
    static func readingLines(_ profile: ColumnProfile) -> [String] {
        let reading = profile.reading
        var lines: [String] = []
        switch profile.type {
        case .number where !reading.unit.isPlain:
            let scale = reading.unit.scale
            let written = scale >= 1 && scale < 1e15 && scale.rounded() == scale ? CountFormat.grouped(Int(scale)) : CountFormat.plain(scale)
            let example = scale == 1 ? "" : ": `min: 1` means \(written)"
            lines.append("values in \(reading.unit.shortDescription)\(example)")
        case .range:
            if !reading.unit.isPlain { lines.append("values in \(reading.unit.shortDescription)") }
            if let example = profile.values.first?.text, let band = WrittenBand.read(example)?.band(unit: reading.unit, mark: .point) ?? ScalarReading.number(example).map({ Band(lower: $0, upper: $0) }) {
                lines.append("bands: `\(example)` counts as \(band.description); `min: N` passes a band whose lowest value is at least N, `max: N` one whose highest is at most N")
            }
        case .date:
            if let order = reading.dateOrder {
                let how = reading.dateOrderDeclared ? "as declared" : reading.example.map { "as values such as `\($0)` show" } ?? "as the values show"
                lines.append("dates read \(order == .dayFirst ? "day first (DD/MM/YYYY)" : "month first (MM/DD/YYYY)"), \(how)")
            }
        case .boolean:
            if let flags = reading.flags, flags != .words {
                let words = switch flags {
                case .letters: "`Y` and `N`"
                case .truthLetters: "`T` and `F`"
                case .digits: "`1` and `0`"
                case .mark: "a mark for yes, an empty cell for no"
                case .words: ""
                }
                lines.append("yes/no written as \(words): write `is: true` or `is: false`")
            }
        default:
            break
        }
        lines += reading.questions.map { "⚠ \($0.message)" }
        return lines
    }
}
