import ICPLanguage
import ICPEngine
/// Why an instruction could not be applied: the words not understood, or the parameter not found.
public struct RefinementFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// An ICP file changed by an instruction in words, as small text edits that keep every
/// comment, the order and the formatting of what they do not touch.
public struct Refinement: Sendable {
    public let original: String
    public let text: String
    /// One line per edit: `region: mode filter → score`.
    public let edits: [String]
    /// What the words left open and the edit guessed (a phrase that fits several values, a
    /// parameter chosen among others): said with the edits, never silent.
    public var questions: [String] = []

    /// The single smallest change from the original text to the new one.
    public var change: TextChange { TextChange.between(original, text) }
}

extension Engine {
    /// The most steps one instruction may hold.
    public static let maximumSteps = 50

    /// Applies `instruction` to an ICP file's `text`, step by step (steps are split at `;`, `.`
    /// and before `and`/`then` followed by a verb). Words are mapped only onto this dataset.
    ///
    /// The result is checked in `context` (default: this engine's `as_of`): a refinement that
    /// would add an error (a syntax error, `min` above `max`...) is refused, naming it. Errors
    /// the file had before do not count.
    public func refine(_ text: String, format: SourceFormat, instruction: String, checkedIn context: CheckContext? = nil) -> Result<Refinement, RefinementFailure> {
        guard instruction.utf8.count <= ICPDraft.maximumSentenceBytes else {
            return .failure(RefinementFailure(description: "the instruction is over \(CountFormat.grouped(ICPDraft.maximumSentenceBytes)) bytes; give a few steps at a time"))
        }
        let steps = InstructionStep.steps(instruction)
        // Each step reads the file afresh, so steps cost time in proportion to the file: a cap keeps a run quick.
        guard steps.count <= Self.maximumSteps else {
            return .failure(RefinementFailure(description: "the instruction has \(CountFormat.grouped(steps.count)) steps; give at most \(Self.maximumSteps) at a time"))
        }
        guard !steps.isEmpty else { return .failure(RefinementFailure(description: "the instruction is empty; try \"drop the geo filter\" or \"add a uses Snowflake boost\"")) }
        let unknown = steps.flatMap(\.unknown)
        if !unknown.isEmpty {
            return .failure(RefinementFailure(description: "did not understand \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")): an instruction drops, adds, excludes, makes a parameter a filter, score or exclude, raises or lowers a floor or ceiling, or doubles, halves or sets a weight (Documentation/draft.md)"))
        }
        // Offsets in the syntax tree count from after a byte-order mark; it is put back at the end.
        let mark = text.unicodeScalars.first == "\u{FEFF}"
        var refiner = Refiner(engine: self, vocabulary: draftVocabulary(), format: format, text: mark ? String(text.unicodeScalars.dropFirst()) : text)
        var index = 0
        while index < steps.count {
            var step = steps[index]
            // "drop the geo filter and replace it with a score": one change of mode.
            if step.action == .drop, index + 1 < steps.count, case .mode(let mode) = steps[index + 1].action, steps[index + 1].target.isEmpty || steps[index + 1].target == ["it"] {
                step.action = .mode(mode)
                step.text += " and " + steps[index + 1].text
                index += 1
            }
            if let failure = refiner.apply(step) { return .failure(failure) }
            index += 1
        }
        let refined = (mark ? "\u{FEFF}" : "") + refiner.text
        let context = context ?? CheckContext(asOf: settings.asOf)
        if let failure = Self.newErrors(from: text, to: refined, format: format, context: context) { return .failure(failure) }
        var questions = refiner.questions
        // An edit that leaves no account qualifying says which parameter empties it.
        if let icp = ICPDocument(text: refined, format: format).icp, let why = emptiness(of: icp) { questions.append(why) }
        return .success(Refinement(original: text, text: refined, edits: refiner.edits, questions: questions))
    }

    /// The errors `new` has that `old` had not (compared by code and message), as a refusal.
    private static func newErrors(from old: String, to new: String, format: SourceFormat, context: CheckContext) -> RefinementFailure? {
        func errors(_ text: String) -> [Diagnostic] { ICPDocument(text: text, format: format).check(in: context).filter { $0.severity == .error } }
        var known: [String: Int] = [:]
        for error in errors(old) { known["\(error.code.rawValue) \(error.message)", default: 0] += 1 }
        let added = errors(new).filter { error in
            let key = "\(error.code.rawValue) \(error.message)"
            guard let count = known[key], count > 0 else { return true }
            known[key] = count - 1
            return false
        }
        guard let first = added.first else { return nil }
        let count = added.count == 1 ? "an error" : "\(added.count) new errors"
        return RefinementFailure(description: "the refined file would have \(count) (line \(first.range.start.line + 1): \(first.message))")
    }
}

/// Applies steps one after the other, reading the file afresh after each.
struct Refiner {
    let engine: Engine
    let vocabulary: DraftVocabulary
    let format: SourceFormat
    var text: String
    var edits: [String] = []
    var questions: [String] = []
    /// The fields the last step acted on: what "it" means.
    var previous: [String] = []

    mutating func apply(_ step: InstructionStep) -> RefinementFailure? {
        let document = ICPDocument(text: text, format: format)
        guard let icp = document.icp, let editor = ParameterListEditor(document.tree, format: format), !editor.sequence.items.isEmpty else {
            return RefinementFailure(description: "the file has no list of parameters to edit; fix it first (`icp check` says what is wrong)")
        }
        guard !editor.hasSharedItems else {
            return RefinementFailure(description: "the parameters list uses a YAML alias (`- *name`), so one text stands for two parameters and an edit of one would change both; write the alias out in full, then refine")
        }
        switch step.action {
        case .add(let mode, let weight): return add(step, mode: mode, weight: weight, editor: editor)
        case .rename(let name): return setRoot(ICPKey.name.rawValue, to: name, step: step, document: document)
        case .status(let status): return setRoot(ICPKey.status.rawValue, to: status.rawValue, step: step, document: document)
        case .swapValues(let old, let new): return swap(old, for: new, step: step, in: icp, editor: editor)
        case .drop:
            if let change = valueRemoval(step, in: icp, editor: editor) {
                text = TextChange.apply([change], to: text)
                return nil
            }
        default: break
        }
        var targets: [(parameter: Parameter, item: Int)]
        switch resolve(step, in: icp, editor: editor) {
        case .success(let found): targets = found
        case .failure(let failure):
            // "leave out agencies" with no parameter on agencies: an exclusion.
            guard step.orExcludes, step.action == .drop else { return failure }
            var exclusion = step
            exclusion.phrase = step.phrase
            return add(exclusion, mode: .exclude, weight: nil, editor: editor)
        }
        // An amount goes only where it fits: money on a money column, a date on a date column.
        if let value = step.action.amount {
            let fitting = targets.filter { fits(value, $0.parameter) }
            guard !fitting.isEmpty else {
                let kind = switch value {
                case .money: "a money column"
                case .date: "a date column"
                case .number: "a number column"
                }
                let named = targets.compactMap { $0.parameter.field?.value }.joined(separator: ", ")
                return RefinementFailure(description: "\"\(step.text)\" gives \(value.written), which needs \(kind); \(named) is not one")
            }
            targets = fitting
        }
        // One step edits one parameter, unless it says "all" (or "both", "every").
        if targets.count > 1, !step.coversAll {
            let listed = targets.map { "\($0.parameter.field?.value ?? "?") (line \($0.parameter.range.start.line + 1))" }.joined(separator: ", ")
            return RefinementFailure(description: "\"\(step.text)\" fits \(targets.count) parameters: \(listed); name one by its field, or say \"all\"")
        }
        var changes: [TextChange] = []
        for (parameter, item) in targets {
            let field = parameter.field?.value ?? "?"
            let line = parameter.range.start.line + 1
            switch step.action {
            case .drop:
                guard editor.sequence.items.count - targets.count >= 1 else {
                    return RefinementFailure(description: "\"\(step.text)\" would leave no parameter; an ICP needs at least one")
                }
                if let change = editor.removal(of: item) { changes.append(change) }
                edits.append("dropped the \(parameter.mode?.value.rawValue ?? "parameter") on \(field) (line \(line))")
            case .mode(let mode):
                if let change = editor.settingMode(mode, in: item) { changes.append(change) }
                edits.append("\(field) (line \(line)): \(parameter.mode?.value.rawValue ?? "?") → \(mode.rawValue)")
            case .bound(let isMinimum, let value):
                guard case .range(let min, let max)? = parameter.condition?.value else {
                    return RefinementFailure(description: "\(field) (line \(line)) has no range to move; \"\(step.text)\" needs a parameter with min or max")
                }
                let key = isMinimum ? "min" : "max"
                // An amount is written in the column's unit (`$20 billion` on `Market Value ($B)`: 20).
                let unit = vocabulary.fields.first { $0.name == field }?.unit ?? .plain
                let text = value.written(in: unit)
                if let change = editor.setting(key, to: format == .json && value.isDate ? text.jsonQuoted : text, in: item) { changes.append(change) }
                edits.append("\(field) (line \(line)): \(key) \((isMinimum ? min : max)?.text ?? "none") → \(text)")
            case .setBound(let value):
                // "move the cutoff to 50M": the one bound the parameter has.
                guard case .range(let min, let max)? = parameter.condition?.value, (min == nil) != (max == nil) else {
                    return RefinementFailure(description: "\(field) (line \(line)) has \(parameter.condition.map { _ in "both a min and a max" } ?? "no range"); say which bound \"\(step.text)\" moves (\"raise the min\", \"lower the max\")")
                }
                let key = min != nil ? "min" : "max"
                let unit = vocabulary.fields.first { $0.name == field }?.unit ?? .plain
                let text = value.written(in: unit)
                if let change = editor.setting(key, to: format == .json && value.isDate ? text.jsonQuoted : text, in: item) { changes.append(change) }
                edits.append("\(field) (line \(line)): \(key) \((min ?? max)?.text ?? "none") → \(text)")
            case .removeBound(let isMinimum):
                let key = isMinimum ? "min" : "max"
                guard case .range(let min, let max)? = parameter.condition?.value, (isMinimum ? min : max) != nil else {
                    return RefinementFailure(description: "\(field) (line \(line)) has no \(key) to remove")
                }
                if let change = editor.removal(ofKey: key, in: item) { changes.append(change) }
                edits.append("\(field) (line \(line)): removed \(key)")
            case .addValues(let phrase):
                guard let condition = parameter.condition?.value, let key = [ParameterKey.in, .allOf, .containsAny].first(where: { $0 == condition.key }) else {
                    return RefinementFailure(description: "\(field) (line \(line)) has no list to add to; \"\(step.text)\" needs an `in`, `all_of` or `contains_any` list")
                }
                let present = Set(condition.values.map { DraftVocabulary.key($0.text) })
                var added: [String]
                if key == .containsAny {
                    // Parts of a text ("add Dublin to the address filter"), as written.
                    added = phrase.split(whereSeparator: { $0 == "," }).flatMap { $0.split(separator: " and ", omittingEmptySubsequences: false) }
                        .map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty && !present.contains(DraftVocabulary.key($0)) }
                } else {
                    switch values(in: phrase, for: field) {
                    case .success(let found): added = found.filter { !present.contains(DraftVocabulary.key($0)) }
                    case .failure(let failure): return failure
                    }
                }
                guard !added.isEmpty else { return RefinementFailure(description: "\(field) (line \(line)) already lists \(phrase)") }
                if let change = editor.appending(added.map(editor.written), toListOf: key.rawValue, in: item) { changes.append(change) }
                edits.append("\(field) (line \(line)): added \(added.joined(separator: ", "))")
            case .bounds(var low, var high, let isMoney):
                guard case .range? = parameter.condition?.value else {
                    return RefinementFailure(description: "\(field) (line \(line)) has no range; \"\(step.text)\" needs a parameter with min or max")
                }
                if isMoney, let column = vocabulary.fields.first(where: { $0.name == field }) {
                    guard column.isMoney else { return RefinementFailure(description: "\"\(step.text)\" gives amounts of money, and \(field) is not a money column") }
                    // "$10B-$100B" on `revenue` in $M: 10000-100000.
                    (low, high) = (low / column.unit.scale, high / column.unit.scale)
                }
                changes += [editor.setting("min", to: CountFormat.plain(low), in: item), editor.setting("max", to: CountFormat.plain(high), in: item)].compactMap { $0 }
                edits.append("\(field) (line \(line)): range → \(CountFormat.plain(low))–\(CountFormat.plain(high))")
            case .scaleWeight, .weight:
                guard parameter.mode?.value == .score else {
                    return RefinementFailure(description: "\(field) (line \(line)) is a \(parameter.mode?.value.rawValue ?? "parameter"); only scores have weights (make it a score first)")
                }
                let old = parameter.effectiveWeight
                var new = old
                if case .scaleWeight(let factor) = step.action { new = old * factor }
                if case .weight(let value) = step.action { new = value }
                guard new.isFinite, new > 0, new <= Parameter.maximumWeight else {
                    return RefinementFailure(description: "a weight must be above 0 and at most \(CountFormat.plain(Parameter.maximumWeight)); \"\(step.text)\" gives \(CountFormat.plain(new))")
                }
                if let change = editor.setting(ParameterKey.weight.rawValue, to: CountFormat.plain(new), in: item) { changes.append(change) }
                edits.append("\(field) (line \(line)): weight \(CountFormat.plain(old)) → \(CountFormat.plain(new))")
            case .add, .rename, .status, .swapValues:
                break
            }
        }
        // Two edits of one line (a range's min and max written inline) would overlap: apply them one by one.
        for change in changes.sorted(by: { $0.start > $1.start }) { text = TextChange.apply([change], to: text) }
        previous = targets.compactMap { $0.parameter.field?.value }
        return nil
    }

    private mutating func add(_ step: InstructionStep, mode: ParameterMode?, weight: Double?, editor: ParameterListEditor) -> RefinementFailure? {
        var reader = SentenceReader(step.phrase, vocabulary: vocabulary, asOf: engine.settings.asOf)
        reader.read()
        if !reader.unmapped.isEmpty || reader.claims.isEmpty {
            let words = reader.unmapped.isEmpty ? "\"\(step.phrase)\" (no column of the data fits)" : reader.unmapped.map(\.described).joined(separator: ", ")
            return RefinementFailure(description: "could not map \(words) onto a column or value of the data, in \"\(step.text)\"")
        }
        reader.force(mode: mode, weight: weight)
        let draft = ICPDraft(sentence: step.phrase, reader: reader)
        if let conflict = draft.conflicts.first {
            return RefinementFailure(description: "in \"\(step.text)\", \(conflict)")
        }
        questions += draft.questions
        var parameters = draft.parameters.map { drafted in
            var parameter = drafted.parameter
            parameter.comments = []
            return parameter
        }
        // "also allow fintech", "add Canada", "narrow it to Germany": values join (or replace) the
        // list of the parameter already on that column, rather than a second condition that would
        // require both.
        if mode == nil || mode == .exclude || step.narrows, let icp = ICPDocument(text: text, format: format).icp {
            var merged: [(parameter: Parameter, values: [String])] = []
            parameters.removeAll { new in
                guard let values = Self.listValues(new.condition) else { return false }
                let sameMode = step.narrows ? ParameterMode.filter : (mode ?? .filter)
                let existing = icp.parameters.filter { $0.field?.value == new.field && Self.listKey($0.condition?.value) != nil
                    && ($0.mode?.value == sameMode || (mode == nil && !step.narrows && $0.mode?.value == .score && new.mode == .score)) }
                guard existing.count == 1, let old = existing.first else { return false }
                let kept = step.narrows ? [] : (old.condition?.value.values.map(\.text) ?? [])
                let present = Set(kept.map(DraftVocabulary.key))
                merged.append((old, kept + values.filter { !present.contains(DraftVocabulary.key($0)) }))
                return true
            }
            for (old, values) in merged {
                let document = ICPDocument(text: text, format: format)
                guard let editor = ParameterListEditor(document.tree, format: format),
                      let item = editor.sequence.items.firstIndex(where: { $0.range.start.offset == old.range.start.offset }),
                      let change = listChange(old, item: item, values: values, editor: editor) else { continue }
                text = TextChange.apply([change], to: text)
                let field = old.field?.value ?? "?"
                edits.append("\(field) (line \(old.range.start.line + 1)): \(step.narrows ? "now only" : "values now") \(values.joined(separator: ", "))")
                previous = [field]
            }
            guard !parameters.isEmpty else { return nil }
        }
        let document = ICPDocument(text: text, format: format)
        guard let editor = ParameterListEditor(document.tree, format: format), let change = editor.insertion(of: parameters) else { return nil }
        text = TextChange.apply([change], to: text)
        edits += parameters.map { "added \($0.summary)" }
        previous = parameters.map(\.field)
        return nil
    }

    private mutating func setRoot(_ key: String, to value: String, step: InstructionStep, document: ICPDocument) -> RefinementFailure? {
        guard !value.trimmingWhitespace().isEmpty else { return RefinementFailure(description: "\"\(step.text)\" gives no \(key)") }
        guard let change = RootKeyEditor.setting(key, to: value, in: document.tree, format: format) else {
            return RefinementFailure(description: "the file has no top-level mapping to set `\(key)` in")
        }
        text = TextChange.apply([change], to: text)
        edits.append("\(key) → \(value)")
        return nil
    }

    /// Whether an amount may bound `parameter`'s column: money only a money column, a date only a date column.
    private func fits(_ value: InstructionStep.Amount, _ parameter: Parameter) -> Bool {
        guard let name = parameter.field?.value, let column = vocabulary.fields.first(where: { $0.name == name }) else { return true }
        switch value {
        case .money: return column.isMoney
        case .date: return column.type == .date
        case .number: return column.isQuantity
        }
    }

    /// The values of `field`'s column that `phrase` names: by the sentence reader (places,
    /// synonyms), else as written, else an error naming the phrase and some of the values.
    mutating func values(in phrase: String, for field: String) -> Result<[String], RefinementFailure> {
        guard let column = vocabulary.fields.firstIndex(where: { $0.name == field }) else {
            return .failure(RefinementFailure(description: "\(field) is not a column of the data"))
        }
        var reader = SentenceReader(phrase, vocabulary: vocabulary, asOf: engine.settings.asOf)
        reader.read()
        var found: [String] = []
        for claim in reader.claims where claim.field == column {
            if case .values(let values) = claim.test { found += values }
        }
        // "add Ogden": `OGDEN`, and `NORTH OGDEN` asked about, as draft asks.
        if !found.isEmpty { questions += reader.questions.filter { !questions.contains($0) } }
        if found.isEmpty {
            let keys = Dictionary(vocabulary.fields[column].values.map { (DraftVocabulary.key($0), $0) }, uniquingKeysWith: { first, _ in first })
            found = phrase.split(whereSeparator: { $0 == "," }).flatMap { $0.split(separator: " and ", omittingEmptySubsequences: false) }.compactMap { keys[DraftVocabulary.key($0)] }
        }
        guard !found.isEmpty else {
            let some = vocabulary.fields[column].values.prefix(5).joined(separator: ", ")
            return .failure(RefinementFailure(description: "\"\(phrase)\" is not a value of \(field)\(some.isEmpty ? "" : " (its values include \(some))")"))
        }
        return .success(found)
    }

    /// The parameters a step names: each target word must fit them by field name, by the role of
    /// the field ("geo", "tech", "size") or by a value of their condition.
    private func resolve(_ step: InstructionStep, in icp: ICP, editor: ParameterListEditor) -> Result<[(parameter: Parameter, item: Int)], RefinementFailure> {
        let items = Dictionary(editor.sequence.items.enumerated().map { ($0.element.range.start.offset, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var candidates = icp.parameters.compactMap { parameter in items[parameter.range.start.offset].map { (parameter: parameter, item: $0) } }
        if let mode = step.targetMode {
            let named = candidates.filter { candidate in step.target.allSatisfy { fits($0, candidate.parameter) } }
            let inMode = candidates.filter { $0.parameter.mode?.value == mode }
            // "the region filter" when region is a score: say so, rather than that nothing fits region.
            if !step.target.isEmpty, !named.isEmpty, named.allSatisfy({ $0.parameter.mode?.value != mode }) {
                let found = named.map { "\($0.parameter.field?.value ?? "?") (line \($0.parameter.range.start.line + 1)) is a \($0.parameter.mode?.value.rawValue ?? "parameter")" }
                return .failure(RefinementFailure(description: "\"\(step.text)\" names a \(mode.rawValue), but \(found.joined(separator: ", ")); say \"the \(step.target.joined(separator: " ")) \(named[0].parameter.mode?.value.rawValue ?? "parameter")\""))
            }
            candidates = inMode
        }
        var words = step.target
        if step.target == ["it"] || (step.target.isEmpty && step.targetMode == nil) {
            guard !previous.isEmpty else {
                return .failure(RefinementFailure(description: "\"\(step.text)\" does not say which parameter; name its field, such as \(icp.parameters.first?.field?.value ?? "industry")"))
            }
            candidates = candidates.filter { previous.contains($0.parameter.field?.value ?? "") }
            words = []
        }
        var unknown: [String] = []
        for word in words {
            let fitting = candidates.filter { fits(word, $0.parameter) }
            if fitting.isEmpty { unknown.append(word) } else { candidates = fitting }
        }
        if !unknown.isEmpty {
            let fields = icp.parameters.compactMap { $0.field?.value }
            return .failure(RefinementFailure(description: "no parameter fits \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) in \"\(step.text)\"; the parameters are on \(fields.joined(separator: ", "))"))
        }
        guard !candidates.isEmpty else {
            return .failure(RefinementFailure(description: "\"\(step.text)\" names no parameter of the file; name its field, such as \(icp.parameters.first?.field?.value ?? "industry")"))
        }
        return .success(candidates)
    }

    private func fits(_ word: String, _ parameter: Parameter) -> Bool {
        guard let field = parameter.field?.value else { return false }
        // "staff" and "headcount" name `FullTime_Employees`, as "revenue" names `sales`.
        let stem = DraftVocabulary.nameStem(word)
        let nameWords = DraftVocabulary.words(ofName: field)
        if nameWords.map(DraftVocabulary.nameStem).contains(stem) || DraftVocabulary.key(field) == word { return true }
        if let measure = DraftMeasure.named(in: [word], at: 0)?.measure, vocabulary.fields.first(where: { $0.name == field })?.measure?.measure == measure { return true }
        // A header misspelled by one letter (`Satus` for "status").
        if word.count >= 5, nameWords.contains(where: { $0.count >= 4 && ClosestMatch.distance(Array($0.unicodeScalars), Array(word.unicodeScalars)) <= 1 }) { return true }
        if let known = vocabulary.fields.first(where: { $0.name == field }),
           known.roles.contains(where: { DraftLexicon.roleWords[$0]?.contains(word) == true }) { return true }
        return parameter.condition?.value.values.contains { DraftVocabulary.key($0.text) == word } ?? false
    }
}
