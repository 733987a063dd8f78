import ICPLanguage
import ICPEngine
/// One edit of an `icp refine` instruction, read from its words: what to do, and to which
/// parameters (named by field, by role such as "geo" or "tech", by a value, or "it").
struct InstructionStep: Sendable, Equatable {
    enum Action: Sendable, Equatable {
        case drop
        case mode(ParameterMode)
        /// Add what the words after the verb say, in this mode (nil: as the words say).
        case add(ParameterMode?, weight: Double?)
        case bound(isMinimum: Bool, value: Amount)
        /// "move the revenue cutoff to $50M": the one bound the target has.
        case setBound(Amount)
        /// Both bounds; `isMoney` when written as amounts (`$10B-$100B`), written in the column's unit.
        case bounds(min: Double, max: Double, isMoney: Bool)
        case scaleWeight(Double)
        case weight(Double)
        /// "remove the max on funding": the bound goes, the other stays.
        case removeBound(isMinimum: Bool)
        /// "add London to the region filter": values joined to the target's list.
        case addValues(String)
        /// "swap Germany for France": values of the target's list replaced by others.
        case swapValues(old: String, new: String)
        /// "rename to Core US software".
        case rename(String)
        /// "set status to live".
        case status(ICPStatus)
    }

    /// A bound as written: a plain number, an amount of money (`$5M`, `5 million`), or a date.
    enum Amount: Sendable, Equatable {
        case number(Double)
        case money(Double)
        case date(CalendarDate)

        var isDate: Bool { if case .date = self { true } else { false } }

        var written: String {
            written(in: .plain)
        }

        /// As a bound on a column of `unit`: an amount of money in the unit, a plain number as it is.
        func written(in unit: NumberUnit) -> String {
            switch self {
            case .number(let value): CountFormat.plain(value)
            case .money(let value): CountFormat.plain(value / unit.scale)
            case .date(let date): date.description
            }
        }
    }

    var action: Action
    /// Words naming the parameters it acts on; empty for `add`.
    var target: [String] = []
    /// A mode the target is said to have ("the geo filter").
    var targetMode: ParameterMode?
    /// For `add`: the words to read as a sentence.
    var phrase = ""
    /// Words it did not understand.
    var unknown: [String] = []
    /// The step says "all", "every", "each" or "both": it may edit several parameters.
    var coversAll = false
    /// For `add`: "narrow it to", "only", "keep it to": the values replace those of a parameter
    /// on the same column, rather than adding another condition.
    var narrows = false
    /// For `drop`: "leave out", "take out": when no parameter fits, the words are an exclusion.
    var orExcludes = false
    /// The step as written.
    var text: String

    private static let dropVerbs: Set<String> = ["drop", "remove", "delete", "omit", "lose", "kill", "forget"]
    private static let modeVerbs: Set<String> = ["make", "turn", "change", "convert", "switch", "replace", "move", "set", "flip", "demote", "promote", "downgrade", "upgrade"]
    private static let addVerbs: Set<String> = ["add", "include", "allow", "accept", "welcome", "let"]
    /// "take X out", "leave out X": a drop, or an exclusion when no parameter fits.
    private static let outVerbs: Set<String> = ["take", "leave", "cut", "strip", "knock", "pull"]
    /// "rule out X", "screen out X": an exclusion.
    private static let excludeOutVerbs: Set<String> = ["rule", "screen", "filter", "weed", "keep"]
    /// "narrow it to X", "restrict to X", "limit it to X" (without a number): the values replace a parameter's.
    private static let narrowVerbs: Set<String> = ["narrow", "restrict", "limit", "keep", "only", "just", "focus"]
    /// Words of an amount, never of a parameter's name: "5 billion", "50 million euro".
    private static let amountWords: Set<String> = ["million", "millions", "billion", "billions", "thousand", "bn", "mn", "m", "k", "b",
                                                   "dollars", "dollar", "usd", "euro", "euros", "eur", "pounds", "gbp", "percent"]
    private static let swapVerbs: Set<String> = ["swap", "replace", "switch", "change", "exchange", "trade", "substitute"]
    private static let raiseVerbs: Set<String> = ["raise", "increase", "lower", "decrease", "reduce", "bump", "set", "move", "change", "put", "drop", "cut", "lift"]
    private static let scales: [String: Double] = ["double": 2, "triple": 3, "quadruple": 4, "halve": 0.5, "half": 0.5]
    static let modeWords: [String: ParameterMode] = [
        "filter": .filter, "filters": .filter, "gate": .filter, "requirement": .filter, "must": .filter,
        "score": .score, "scores": .score, "boost": .score, "bonus": .score, "plus": .score, "preference": .score,
        "exclude": .exclude, "excludes": .exclude, "exclusion": .exclude,
    ]
    private static let minimumWords: Set<String> = ["floor", "minimum", "min", "lower", "least", "from", "start"]
    private static let maximumWords: Set<String> = ["ceiling", "maximum", "max", "cap", "upper", "most", "limit"]
    private static let glue: Set<String> = [
        "the", "a", "an", "it", "to", "into", "as", "with", "of", "on", "for", "please", "then", "and", "also", "hard", "soft",
        "parameter", "condition", "criterion", "rule", "one", "instead", "bound", "weight", "by", "at", "so", "that", "is", "from", "up", "down", "just",
        "all", "every", "each", "both", "list", "values",
    ]

    /// Reads one step. `tokens` are the step's; `text` its words as written.
    init(tokens: [DraftToken], text: String) {
        self.text = text
        self.action = .drop
        var words = tokens.compactMap(\.word)
        while let first = words.first, ["please", "then", "and", "also", "now", "just"].contains(first), words.count > 1 {
            words.removeFirst()
        }
        let numbers = tokens.compactMap(\.number)
        guard var verb = words.first else { unknown = [text]; return }
        var rest = Array(words.dropFirst())
        let particles: Set<String> = ["out", "off", "away"]
        if Self.excludeOutVerbs.contains(verb), rest.first == "out" {
            // "rule out government", "keep out agencies".
            action = .add(.exclude, weight: nil)
            phrase = Self.after("out", in: text, tokens: tokens)
            return
        }
        if Self.outVerbs.contains(verb), rest.contains(where: particles.contains) {
            // "take Germany out", "leave out the revenue filter": a drop, of values or of a parameter.
            phrase = Self.without(particles.union([verb]), in: text)
            verb = "remove"
            rest.removeAll(where: particles.contains)
            orExcludes = true
        }
        coversAll = !Set(rest).isDisjoint(with: ["all", "every", "each", "both"])
        let amount = Self.amount(in: text, tokens: tokens)
        let boundWords = rest.filter { Self.minimumWords.contains($0) || Self.maximumWords.contains($0) }

        if verb == "rename" || (["set", "change"].contains(verb) && rest.first == "name") {
            action = .rename(Self.after(["to", "as"], in: text))
        } else if ["set", "make", "change", "mark", "move"].contains(verb), rest.contains("status"),
                  let status = rest.reversed().lazy.compactMap({ ICPStatus(rawValue: $0) }).first {
            action = .status(status)
        } else if Self.dropVerbs.contains(verb), case let dropped = boundWords.filter({ $0 != "from" }), dropped.count == 1, amount == nil {
            // "remove the max on funding"; "remove Provo from the city filter" is a value's removal.
            action = .removeBound(isMinimum: Self.minimumWords.contains(dropped[0]) && dropped[0] != "lower")
            setTarget(rest.filter { !Self.minimumWords.contains($0) && !Self.maximumWords.contains($0) && !["on", "of", "from"].contains($0) })
        } else if ["cap", "limit", "floor"].contains(verb), let value = amount {
            // "cap revenue at $1B", "floor funding at 5M".
            action = .bound(isMinimum: verb == "floor", value: value)
            setTarget(rest)
        } else if ["only", "just"].contains(verb), !numbers.isEmpty {
            // "only companies founded after 1980": a new filter.
            action = .add(.filter, weight: nil)
            phrase = Self.after(verb, in: text, tokens: tokens)
        } else if Self.narrowVerbs.contains(verb), numbers.isEmpty,
                  ["only", "just"].contains(verb) || rest.contains("to") || rest.contains("only") || rest.contains("on") {
            // "only SaaS", "narrow it to Germany", "keep it to fintech", "focus on Series A".
            action = .add(.filter, weight: nil)
            narrows = true
            phrase = ["only", "just"].contains(verb) ? Self.after(verb, in: text, tokens: tokens) : Self.after(["to", "only", "on"], in: text)
        } else if Self.addVerbs.contains(verb), let to = rest.lastIndex(of: "to"), to > 0, to + 1 < rest.count {
            // "add London to the region filter": values, then the parameter whose list they join.
            action = .addValues(Self.between(verb, and: "to", in: text))
            setTarget(Array(rest[(to + 1)...]))
        } else if let scale = Self.scales[verb] {
            action = .scaleWeight(scale)
            setTarget(rest)
        } else if verb == "exclude" || verb == "excluding" {
            action = .add(.exclude, weight: nil)
            phrase = Self.after(verb, in: text, tokens: tokens)
        } else if ["require", "requiring"].contains(verb) {
            action = .add(.filter, weight: nil)
            phrase = Self.after(verb, in: text, tokens: tokens)
        } else if ["prefer", "favor", "favour"].contains(verb) {
            action = .add(.score, weight: 2)
            phrase = Self.after(verb, in: text, tokens: tokens)
        } else if Self.addVerbs.contains(verb) {
            // "add a uses Snowflake boost": the mode word, wherever it stands, is the new parameter's mode.
            var mode: ParameterMode?
            var kept: [String] = []
            for word in Self.after(verb, in: text, tokens: tokens).split(separator: " ").map(String.init) {
                if let found = Self.modeWords[DraftVocabulary.key(word)], mode == nil { mode = found } else { kept.append(word) }
            }
            action = .add(mode, weight: nil)
            phrase = kept.joined(separator: " ")
        } else if rest.contains(where: { Self.minimumWords.contains($0) || Self.maximumWords.contains($0) }), Self.raiseVerbs.contains(verb), let value = amount {
            let isMinimum = rest.contains { Self.minimumWords.contains($0) } && !(rest.contains("upper"))
            action = .bound(isMinimum: isMinimum, value: value)
            setTarget(rest.filter { !Self.minimumWords.contains($0) && !Self.maximumWords.contains($0) })
        } else if rest.contains("range") || rest.contains("between"), numbers.count == 2, ["set", "change", "make", "move", "narrow", "widen"].contains(verb) {
            let isMoney = tokens.contains { $0.number != nil && ($0.isMoney || $0.scale > 1) }
            action = .bounds(min: min(numbers[0], numbers[1]), max: max(numbers[0], numbers[1]), isMoney: isMoney)
            setTarget(rest.filter { $0 != "range" && $0 != "between" })
        } else if rest.contains("weight"), let value = numbers.last, ["set", "give", "change", "make", "weight"].contains(verb) {
            action = .weight(value)
            setTarget(rest)
        } else if Self.raiseVerbs.contains(verb), let value = amount, rest.contains("to") || rest.contains("at") {
            // "move the revenue cutoff to $50M": the bound the parameter has.
            action = .setBound(value)
            setTarget(rest.filter { !["cutoff", "threshold", "bar", "line", "limit", "cut"].contains($0) })
        } else if Self.dropVerbs.contains(verb) {
            action = .drop
            setTarget(rest)
        } else if Self.modeVerbs.contains(verb), let last = rest.lastIndex(where: { Self.modeWords[$0] != nil }) {
            action = .mode(Self.modeWords[rest[last]] ?? .filter)
            setTarget(Array(rest[..<last]))
        } else if Self.swapVerbs.contains(verb), let separator = ["for", "with", "to", "by"].first(where: rest.contains) {
            // "swap Germany for France", "replace Series A with Series B".
            let old = Self.between(verb, and: separator, in: text), new = Self.after([separator], in: text)
            if old.isEmpty || new.isEmpty { unknown = [text] } else { action = .swapValues(old: old, new: new) }
        } else {
            unknown = [text]
        }
    }

    /// The bound an instruction gives: a date written `YYYY-MM-DD`, else the last number, as
    /// money when it has a currency sign or a magnitude (`$5M`, `5 million`).
    private static func amount(in text: String, tokens: [DraftToken]) -> Amount? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
        if let date = words.lazy.compactMap({ CalendarDate(parsing: String($0)) }).last { return .date(date) }
        guard let index = tokens.lastIndex(where: { $0.number != nil }), let value = tokens[index].number else { return nil }
        let next = index + 1 < tokens.count ? tokens[index + 1].word : nil
        let isMoney = tokens[index].isMoney || tokens[index].scale > 1 || ["million", "millions", "billion", "billions", "bn", "mn", "thousand", "dollars", "usd", "eur", "euro", "euros", "gbp", "pounds"].contains(next ?? "")
        let magnitudes: [String: Double] = ["million": 1e6, "billion": 1e9, "thousand": 1e3, "millions": 1e6, "billions": 1e9, "bn": 1e9, "mn": 1e6]
        let scale = magnitudes[next ?? ""] ?? 1
        return isMoney ? .money(value * scale) : .number(value)
    }

    /// The text after the first of `words` (as whole words), trimmed.
    private static func after(_ words: [String], in text: String) -> String {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let index = parts.firstIndex(where: { words.contains($0.lowercased()) }) else { return String(parts.dropFirst().joined(separator: " ")) }
        return parts[(index + 1)...].joined(separator: " ")
    }

    /// The text without the words in `words` (compared lowercased).
    private static func without(_ words: Set<String>, in text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).filter { !words.contains($0.lowercased()) }.joined(separator: " ")
    }

    /// The text between the first word `first` and the last word `last`.
    private static func between(_ first: String, and last: String, in text: String) -> String {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let start = parts.firstIndex(where: { $0.lowercased() == first }),
              let end = parts.lastIndex(where: { $0.lowercased() == last }), end > start + 1 else { return "" }
        return parts[(start + 1)..<end].joined(separator: " ")
    }

    /// The target words: a mode word among them is the target's current mode; glue words go.
    private mutating func setTarget(_ words: [String]) {
        for word in words {
            if let mode = Self.modeWords[word] {
                targetMode = mode
                // "drop the filters": a plural covers every parameter it fits.
                if word.hasSuffix("s"), word != "plus" { coversAll = true }
                continue
            }
            if Self.glue.contains(word) || Self.amountWords.contains(word) || word.first?.isNumber == true { continue }
            target.append(word)
        }
        if words.contains("it") && target.isEmpty { target = ["it"] }
    }

    /// The step's text after its first word `verb`.
    private static func after(_ verb: String, in text: String, tokens: [DraftToken]) -> String {
        guard let first = tokens.first, let token = tokens.first(where: { $0.word == verb }) else { return text }
        return String(String(Array(text).dropFirst(token.end - first.start)).trimmingWhitespace())
    }

    /// Splits an instruction into steps at `;`, `.` and before `and`, `then` or `,` followed by a verb.
    static func steps(_ instruction: String) -> [InstructionStep] {
        let tokens = DraftTokenizer.tokens(instruction)
        let characters = Array(instruction)
        let verbs = dropVerbs.union(modeVerbs).union(addVerbs).union(raiseVerbs).union(scales.keys).union(outVerbs).union(swapVerbs)
            .union(["exclude", "require", "prefer", "give", "make", "replace", "rename", "only", "rule", "screen", "narrow", "restrict", "cap", "floor"])
        var steps: [[DraftToken]] = [[]]
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1].word : nil
            let breaks = (token.isStop && token.text != ",") || ((token.text == "," || token.word == "and" || token.word == "then") && next.map(verbs.contains) == true)
            if breaks {
                if !(steps.last?.isEmpty ?? true) { steps.append([]) }
                continue
            }
            steps[steps.count - 1].append(token)
        }
        return steps.filter { !$0.isEmpty }.map { stepTokens in
            let text = String(characters[stepTokens[0].start..<stepTokens[stepTokens.count - 1].end])
            return InstructionStep(tokens: stepTokens, text: text)
        }
    }
}

extension InstructionStep.Action {
    /// The amount a bound is set to.
    var amount: InstructionStep.Amount? {
        switch self {
        case .bound(_, let value), .setBound(let value): value
        default: nil
        }
    }
}
