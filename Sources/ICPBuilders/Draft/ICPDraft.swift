import ICPLanguage
import ICPEngine
/// A parameter `icp draft` read from a sentence, with the words it came from.
public struct DraftedParameter: Sendable {
    public let parameter: WrittenParameter
    /// The words as written, quoted: `"51-500 employees"`, or several joined by `, `.
    public let words: String
}

/// An ICP drafted from one sentence: the parameters its words map onto in the data, the words
/// that map onto nothing, and tiers that fit the score parameters' weights.
public struct ICPDraft: Sendable {
    /// The longest sentence `icp draft` and instruction `icp refine` take, in UTF-8 bytes: one
    /// sentence is enough, and reading stays fast (the CLI and the editor share this limit).
    public static let maximumSentenceBytes = 10_000

    public let sentence: String
    public let parameters: [DraftedParameter]
    public let unmapped: [UnmappedPhrase]
    /// What a reader should check: words read as a value spelled otherwise ("read \"gamng\" as
    /// Gaming"), and a parameter on the outcome column.
    public let notes: [String]
    /// What the reading could not settle and asks the reader: a phrase that fits several columns
    /// or values, a word of negation or quantity it could not place, a draft that qualifies no
    /// one. The file carries each as a comment; a draft with questions is a guess, said so.
    public internal(set) var questions: [String]
    /// Phrases that cannot both hold ("enterprise" and "fewer than 500 employees"): a draft with
    /// any is not written; each says which words clash and why.
    public let conflicts: [String]
    /// Highest first; empty without score parameters (every record would score 100).
    public let tiers: [(name: String, minimum: Double)]

    init(sentence: String, reader: SentenceReader) {
        self.sentence = sentence
        self.unmapped = reader.unmapped
        var merged: [(claim: DraftClaim, words: [String])] = []
        var conflicts: [String] = []
        var notes: [String] = []
        var questions = reader.questions
        let outcome = reader.vocabulary.outcomeField
        for claim in reader.claims {
            let words = reader.words(claim.tokens)
            if let readAs = claim.readAs { notes.append("read \"\(words)\" as \(readAs): check that this is what you meant") }
            let field = reader.vocabulary.fields[claim.field]
            if field.unit.scale != 1, case .range = claim.test, !notes.contains(where: { $0.hasPrefix("`\(field.name)` is in") }) {
                notes.append("`\(field.name)` is in \(field.unit.shortDescription) (1 = \(CountFormat.plain(field.unit.scale))): its bounds are written in that unit, as conditions on it compare")
            }
            if let outcome, reader.vocabulary.fields[claim.field].name == outcome, !notes.contains(where: { $0.hasPrefix("`\(outcome)`") }) {
                notes.append("`\(outcome)` is the outcome column: a parameter on it decides what counts as won or lost, so win rates over this ICP mean little")
            }
            // Values of a list column ("fintech" and "Latin America" as tags) name one thing each
            // unless written as alternatives: "fintech in Latin America" asks for both tags.
            let isList = field.type == .list
            // "backed by both X and Y": both, as two conditions.
            let both = claim.joiner == "and" && merged.last.map { previous in
                previous.claim.tokens.lowerBound > 0 && reader.word(at: previous.claim.tokens.lowerBound - 1) == "both" } == true
            if isList, claim.joiner == "and", !both, case .values = claim.test, let previous = merged.last, previous.claim.field == claim.field {
                questions.append("read \(previous.words.map { "\"\($0)\"" }.joined(separator: ", ")) and \"\(words)\" as either value of \(field.name); for records holding both, write them as two conditions (`all_of`)")
            }
            let pools = (!isList || claim.joiner != nil || claim.resolvedMode == .exclude) && !(isList && both)
            if pools, let position = merged.firstIndex(where: { $0.claim.field == claim.field && $0.claim.resolvedMode == claim.resolvedMode && Self.merge($0.claim.test, claim.test) != nil }) {
                let test = Self.merge(merged[position].claim.test, claim.test) ?? claim.test
                if let clash = Self.emptiness(of: test) {
                    let field = reader.vocabulary.fields[claim.field].name
                    let earlier = merged[position].words.map { "\"\($0)\"" }.joined(separator: ", ")
                    conflicts.append("\(earlier) and \"\(words)\" cannot both hold: \(field) would need \(clash); keep one of them")
                }
                merged[position].claim.test = test
                merged[position].claim.weight = max(merged[position].claim.weight ?? 1, claim.weight ?? 1)
                if !merged[position].words.contains(words) { merged[position].words.append(words) }
            } else {
                merged.append((claim, [words]))
            }
        }
        self.conflicts = conflicts
        self.notes = notes
        self.questions = questions
        parameters = merged.map { entry in
            let claim = entry.claim
            let mode = claim.resolvedMode
            let quoted = entry.words.map { "\"\($0)\"" }.joined(separator: ", ") + (claim.readAs.map { " (read as \($0))" } ?? "")
            let written = WrittenParameter(field: reader.vocabulary.fields[claim.field].name, mode: mode, condition: Self.condition(claim.test),
                                           weight: mode == .score ? (claim.weight ?? 1) : nil, comments: ["from \(quoted)"])
            return DraftedParameter(parameter: written, words: quoted)
        }
        tiers = Self.tiers(weights: parameters.compactMap { $0.parameter.mode == .score ? $0.parameter.weight : nil })
    }

    /// The file, with the sentence on top and each unmapped phrase as a comment at the end.
    public func file(code: String, name: String) -> ICPFileText {
        var file = ICPFileText(code: code, name: name, header: [
            "Drafted by `icp draft` from: \(sentence)",
            "Each parameter says which words it came from. A draft: review it before going live.",
        ], parameters: parameters.map(\.parameter))
        file.tiers = tiers
        file.trailing = questions.map { "question: \($0)" } + unmapped.map { "not mapped: \($0.described)" }
        return file
    }

    /// A display name from the sentence: the whole of it up to 60 characters; past that, up to
    /// the last clause that ends within 60 (at `,` `;` `:`), else cut at a word, without trailing
    /// small words or a capitalized word whose name goes on ("... ideally in New" for New York).
    public var suggestedName: String {
        let trimmed = String(sentence.trimmingWhitespace())
        var name = trimmed
        if trimmed.count > 60 {
            let head = String(trimmed.prefix(61))
            if let clause = head.lastIndex(where: { ",;:".contains($0) }), head.distance(from: head.startIndex, to: clause) >= 20 {
                name = String(head[..<clause])
            } else {
                var words = head.split(separator: " ").dropLast().map(String.init)
                let next = trimmed.split(separator: " ").dropFirst(words.count).first.map(String.init) ?? ""
                if let last = words.last, last.first?.isUppercase == true, next.first?.isUppercase == true { words.removeLast() }
                while let last = words.last, words.count > 1,
                      DraftLexicon.fillers.contains(DraftVocabulary.key(last)) || DraftLexicon.strengths.contains(where: { $0.0 == [DraftVocabulary.key(last)] }) {
                    words.removeLast()
                }
                name = words.joined(separator: " ")
            }
        }
        while let last = name.last, ",;.:-".contains(last) { name.removeLast() }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The draft as a model with `code`, ready to evaluate.
    public func icp(code: String) -> ICP {
        let nowhere = SourceRange(at: .start)
        var icp = ICP(range: nowhere)
        icp.code = Located(code, nowhere)
        icp.tiers = tiers.map { Tier(name: Located($0.name, nowhere), minimum: $0.minimum) }
        icp.parameters = parameters.map { drafted in
            let parameter = drafted.parameter
            return Parameter(field: Located(parameter.field, nowhere), mode: Located(parameter.mode, nowhere),
                             condition: Located(parameter.condition, nowhere), weight: parameter.weight.map { Located($0, nowhere) }, range: nowhere)
        }
        return icp
    }

    /// Two claims on one field and mode as one: values pooled, bounds narrowed; nil when they differ in kind.
    static func merge(_ a: DraftClaim.Test, _ b: DraftClaim.Test) -> DraftClaim.Test? {
        switch (a, b) {
        case (.values(let first), .values(let second)):
            return .values(first + second.filter { value in !first.contains { DraftVocabulary.key($0) == DraftVocabulary.key(value) } })
        case (.range(let minA, let maxA), .range(let minB, let maxB)):
            return .range(min: [minA, minB].compactMap { $0 }.max(), max: [maxA, maxB].compactMap { $0 }.min())
        case (.dates(let minA, let maxA), .dates(let minB, let maxB)):
            return .dates(min: [minA, minB].compactMap { $0 }.max(), max: [maxA, maxB].compactMap { $0 }.min())
        case (.withinDays(let first), .withinDays(let second)):
            return .withinDays(min(first, second))
        case (.flag(let first), .flag(let second)) where first == second:
            return a
        case (.present, .present):
            return a
        case (.contains(let first), .contains(let second)):
            return .contains(first + second.filter { !first.contains($0) })
        default:
            return nil
        }
    }

    /// Why merged bounds let nothing through (`at least 1000 and at most 499`), or nil.
    static func emptiness(of test: DraftClaim.Test) -> String? {
        switch test {
        case .range(let min?, let max?) where min > max:
            "at least \(CountFormat.plain(min)) and at most \(CountFormat.plain(max))"
        case .dates(let min?, let max?) where min > max:
            "to be on or after \(min) and on or before \(max)"
        default:
            nil
        }
    }

    static func condition(_ test: DraftClaim.Test) -> Condition {
        func value(_ text: String) -> ConditionValue { ConditionValue(text: text, range: SourceRange(at: .start), isQuoted: false) }
        switch test {
        case .values(let values): return .oneOf(values.map(value))
        case .range(let min, let max): return .range(min: min.map { value(CountFormat.plain($0)) }, max: max.map { value(CountFormat.plain($0)) })
        case .dates(let min, let max): return .range(min: min.map { value($0.description) }, max: max.map { value($0.description) })
        case .withinDays(let days): return .withinDays(days)
        case .flag(let flag): return .equals(value(flag ? "true" : "false"))
        case .present: return .exists(true)
        case .contains(let texts): return .containsAny(texts.map(value))
        }
    }

    /// A, B, C at the scores the weights can reach nearest above two thirds and one third, and 0.
    static func tiers(weights: [Double]) -> [(name: String, minimum: Double)] {
        guard !weights.isEmpty else { return [] }
        let total = weights.reduce(0, +)
        var sums: Set<Double> = [0]
        for weight in weights.prefix(16) { sums.formUnion(sums.map { $0 + weight }) }
        let scores = sums.map { ($0 / total * 1000).rounded(.down) / 10 }.sorted()
        var cuts: [Double] = []
        for share in [200.0 / 3, 100.0 / 3] {
            if let cut = scores.first(where: { $0 >= share - 1e-9 }), !cuts.contains(cut) { cuts.append(cut) }
        }
        cuts.append(0)
        var seen: Set<Double> = []
        let distinct = cuts.filter { seen.insert($0).inserted }
        return zip(["A", "B", "C"], distinct).map { ($0, $1) }
    }
}

extension Engine {
    /// Drafts an ICP from one sentence, mapping its words onto this dataset's columns and values only.
    public func draft(_ sentence: String) -> ICPDraft {
        var reader = SentenceReader(sentence, vocabulary: draftVocabulary(), asOf: settings.asOf)
        reader.read()
        var draft = ICPDraft(sentence: sentence, reader: reader)
        draft.questions += citiesInSeveralStates(draft.parameters.map(\.parameter), vocabulary: reader.vocabulary)
        draft.questions += thinReadings(draft.parameters.map(\.parameter), vocabulary: reader.vocabulary)
        if let why = emptiness(of: draft.icp(code: "draft")) { draft.questions.append(why) }
        if draft.parameters.isEmpty, draft.unmapped.isEmpty, draft.conflicts.isEmpty {
            // Every word was a filler: the file would qualify every account, which is never what was asked.
            draft.questions.append("no word of the sentence names a column or value of the data, so the draft has no condition and qualifies every account; name a value, a place or an amount (`icp columns` lists them)")
        }
        return draft
    }

    /// A city the draft names that the data holds in two states or more ("Portland": OR and
    /// ME), when the sentence names no state: which one is meant is a question, with the
    /// accounts in each (a state holding one may be a stray entry, or Portland, Maine).
    func citiesInSeveralStates(_ parameters: [WrittenParameter], vocabulary: DraftVocabulary) -> [String] {
        guard let stateField = vocabulary.field(withRole: .state), let states = accounts.column(named: vocabulary.fields[stateField].name),
              !parameters.contains(where: { $0.field == states.name }) else { return [] }
        var questions: [String] = []
        for parameter in parameters where vocabulary.fields.first(where: { $0.name == parameter.field })?.roles.contains(.city) == true {
            guard let cities = accounts.column(named: parameter.field) else { continue }
            let named = Set(parameter.condition.values.map { TextNormalization.normalize($0.text) })
            let codes = (1..<max(cities.values.count, 1)).filter { named.contains(TextNormalization.normalize(cities.values[$0])) }
            guard !codes.isEmpty else { continue }
            // One pass over the rows for every city named: accounts per state of each.
            let wanted = Set(codes.map(UInt32.init))
            var perCity: [UInt32: [UInt32: Int]] = [:]
            for (row, city) in cities.codes.enumerated() where wanted.contains(city) && states.codes[row] != 0 {
                perCity[city, default: [:]][states.codes[row], default: 0] += 1
            }
            for code in codes {
                let ranked = (perCity[UInt32(code)] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                guard ranked.count >= 2 else { continue }
                let listed = ranked.prefix(4).map { "\(states.values[Int($0.key)]) (\(CountFormat.grouped($0.value)))" }.joined(separator: ", ")
                questions.append("\(parameter.field) \(cities.values[code]) is in \(ranked.count) values of \(states.name): \(listed); add a filter on \(states.name) for the one you mean")
            }
        }
        return questions
    }

    /// Values read on one column that another column holds far more often in values of the
    /// same words ("trucking": `TRUCKING` in Detail_Desc, 1 account; `TRUCKING, EXPRESS,
    /// CARTAGE` in Category_Desc, 142): the column meant is a question, never the thin one silently.
    func thinReadings(_ parameters: [WrittenParameter], vocabulary: DraftVocabulary) -> [String] {
        var questions: [String] = []
        for parameter in parameters where parameter.mode != .score {
            switch parameter.condition {
            case .equals, .oneOf: break
            default: continue
            }
            let values = parameter.condition.values.map(\.text)
            let words = values.reduce(into: Set<String>()) { $0.formUnion(DraftVocabulary.looseWords($1)) }
            guard !words.isEmpty, let anchor = words.min(by: { (vocabulary.wordIndex[$0]?.count ?? 0) < (vocabulary.wordIndex[$1]?.count ?? 0) }),
                  let entries = vocabulary.wordIndex[anchor] else { continue }
            let read = accountsMatching(parameter.field, parameter.condition).cardinality
            // Per other column, its values holding every word of what was read, and their accounts.
            var elsewhere: [Int: (values: [String], accounts: Int)] = [:]
            for entry in entries where vocabulary.fields[entry.ref.field].name != parameter.field && words.isSubset(of: entry.words) {
                elsewhere[entry.ref.field, default: ([], 0)].values.append(entry.ref.value)
                elsewhere[entry.ref.field, default: ([], 0)].accounts += entry.ref.count
            }
            guard let (field, found) = elsewhere.max(by: { $0.value.accounts != $1.value.accounts ? $0.value.accounts < $1.value.accounts : $0.key > $1.key }),
                  found.accounts >= 10 * max(read, 1) else { continue }
            let shown = found.values.prefix(3).joined(separator: "; ") + (found.values.count > 3 ? "; +\(found.values.count - 3) more" : "")
            questions.append("read as \(parameter.field) [\(values.joined(separator: ", "))], \(CountFormat.grouped(read)) account\(read == 1 ? "" : "s"); "
                             + "\(vocabulary.fields[field].name) holds the same words in [\(shown)], \(CountFormat.grouped(found.accounts)) accounts: say which column you mean")
        }
        return questions
    }

    /// Why an ICP with conditions qualifies no account: the parameters that alone leave no one,
    /// else the count each one's removal would bring back. Nil when some account qualifies.
    func emptiness(of icp: ICP) -> String? {
        guard !icp.parameters.isEmpty, accounts.rowCount > 0, evaluate(icp).qualifiedCount == 0 else { return nil }
        let total = CountFormat.grouped(accounts.rowCount)
        let gating = icp.parameters.indices.filter { icp.parameters[$0].mode?.value != .score }
        let alone = gating.filter { position in
            var single = icp
            single.parameters = [icp.parameters[position]]
            return evaluate(single).qualifiedCount == 0
        }
        if !alone.isEmpty {
            let names = alone.map { "\(icp.parameters[$0].mode?.value.rawValue ?? "filter") on \(icp.parameters[$0].field?.value ?? "?")" }.joined(separator: ", ")
            return "it qualifies 0 of \(total) accounts: \(names) alone leaves no one; check its values against the data (`icp columns`)"
        }
        let without = gating.map { position -> String in
            var rest = icp
            rest.parameters.remove(at: position)
            return "without the \(icp.parameters[position].mode?.value.rawValue ?? "filter") on \(icp.parameters[position].field?.value ?? "?"): \(CountFormat.grouped(evaluate(rest).qualifiedCount))"
        }
        return "it qualifies 0 of \(total) accounts: no account meets all its conditions together (\(without.joined(separator: ", ")))"
    }
}
