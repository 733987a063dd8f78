import ICPLanguage
import ICPEngine
/// Yes/no columns reached by the words of their names and their opposites ("profitable",
/// "loss-making", "founder-led", "female CEO", "newcomers"), and ranks ("top 100", "Fortune
/// 500", "moved up at least 50 places").
extension SentenceReader {
    /// Sentence words that mean a word of a column's name (keys are loose spellings).
    private static let flagSynonyms: [String: String] = [
        "woman": "female", "women": "female", "female": "female", "led": "ceo", "run": "ceo", "chief": "ceo", "leader": "ceo",
        "newcomer": "newcomer", "new": "newcomer", "entrant": "newcomer", "debut": "newcomer", "job": "job", "hiring": "job",
    ]
    /// Phrases meaning the opposite of a one-word flag, and that flag.
    private static let opposites: [([String], String)] = [
        (["loss", "making"], "profitable"), (["lossmaking"], "profitable"), (["losing", "money"], "profitable"), (["lost", "money"], "profitable"), (["lose", "money"], "profitable"), (["in", "the", "red"], "profitable"),
        (["unprofitable"], "profitable"), (["money", "losing"], "profitable"), (["private"], "public"), (["privately", "held"], "public"),
        (["inactive"], "active"), (["closed"], "open"), (["domestic"], "international"),
    ]
    private static let flagFillers: Set<String> = ["is", "has", "the", "of", "to", "in", "a", "an", "for", "flag", "yn", "bool", "company", "companie", "companies", "by", "with", "as", "list"]

    /// The content words of a yes/no column's name, spelled loosely: `Founder_is_CEO` → founder, ceo.
    private func flagWords(_ field: Int) -> [String] {
        vocabulary.fields[field].words.map(DraftVocabulary.looseSpelling).filter { !Self.flagFillers.contains($0) }
            .map { Self.flagSynonyms[$0] ?? $0 }
    }

    /// A yes/no column named at `index`: most of the content words of its name within the next
    /// few words, the first of them at `index` (a word like "profitable", or "founder-led" for
    /// `Founder_is_CEO`); or an opposite ("loss-making": `Profitable` is no).
    func flagPhrase(at index: Int) -> Match? {
        let flags = vocabulary.fields.indices.filter { vocabulary.fields[$0].type == .boolean && vocabulary.fields[$0].name != vocabulary.outcomeField }
        if flags.isEmpty || !flags.contains(where: { flagWords($0) == ["profitable"] }), let found = lossPhrase(at: index) { return found }
        guard !flags.isEmpty, let first = word(at: index) else { return nil }
        func loose(_ word: String) -> String {
            let spelled = DraftVocabulary.looseSpelling(word)
            return Self.flagSynonyms[spelled] ?? spelled
        }
        if let opposite = longest(Self.opposites, at: index),
           let field = flags.first(where: { flagWords($0) == [opposite.entry] }) {
            return Match(length: opposite.length, claims: [(field, .flag(false))])
        }
        // "un-" or "non-" before a one-word flag: "unprofitable" is read above; "non-public" here.
        var best: (field: Int, length: Int, matched: Int)?
        for field in flags {
            let wanted = flagWords(field)
            guard !wanted.isEmpty, wanted.contains(loose(first)) || wanted.first.map({ joined(at: index, equals: $0) }) == true else { continue }
            var matched = Set<String>()
            var end = index
            var position = index
            while position < Swift.min(tokens.count, index + wanted.count + 2) {
                if let word = word(at: position), wanted.contains(loose(word)) {
                    matched.insert(loose(word)); end = position + 1
                } else if let joinedWord = wanted.first(where: { joined(at: position, equals: $0) }) {
                    matched.insert(joinedWord); end = position + 2; position += 1
                } else if let word = word(at: position), !DraftLexicon.fillers.contains(word) || tokens[position].isStop {
                    break
                }
                position += 1
            }
            // A word no other yes/no column's name holds is enough ("newcomers", "admired");
            // otherwise every word of the name ("female CEO" beside `Founder_is_CEO`).
            let others = Set(flags.filter { $0 != field }.flatMap(flagWords))
            let distinctive = !matched.isSubset(of: others)
            // "founder-led": the CEO of `Founder_is_CEO` is the one who leads.
            let leads = wanted.contains("ceo") && !matched.contains("ceo") && ["led", "run"].contains(word(at: end) ?? "")
            let count = matched.count + (leads ? 1 : 0)
            if distinctive || count == wanted.count, count > (best?.matched ?? 0) {
                best = (field, end - index + (leads ? 1 : 0), count)
            }
        }
        guard let best else { return nil }
        return Match(length: best.length, claims: [(best.field, .flag(true))])
    }

    /// Whether the word at `index` and the number or word after it, written together, are `name`
    /// ("Global 500" is `global500`).
    private func joined(at index: Int, equals name: String) -> Bool {
        guard index + 1 < tokens.count, let first = word(at: index) else { return false }
        return first + tokens[index + 1].text.lowercased() == name
    }

    /// "loss-making", "unprofitable", "lost money" where no yes/no column says profitable: the
    /// profit column below zero, said as a question.
    private func lossPhrase(at index: Int) -> Match? {
        guard let loss = longest(Self.opposites.filter { $0.1 == "profitable" }, at: index),
              case .field(let field) = vocabulary.column(measuring: .profit, change: false, word: "profit") else { return nil }
        let column = vocabulary.fields[field]
        let below = column.isIntegral ? -1 : -0.01
        return Match(length: loss.length, claims: [(field, .range(min: nil, max: below))],
                     question: "read \"\(words(index..<(index + loss.length)))\" as \(column.name) at most \(CountFormat.plain(below)): a loss")
    }

    /// "with a Twitter account", "without a company number", "that have a website": whether a
    /// text or list column is filled, when the words after with or without are its whole name
    /// and no bound follows.
    func presencePhrase(at index: Int) -> Match? {
        guard let first = word(at: index), ["with", "without", "having", "has", "have"].contains(first) else { return nil }
        var position = index + 1
        var negative = first == "without"
        if let next = word(at: position), ["a", "an", "any"].contains(next) {
            position += 1
        } else if word(at: position) == "no" {
            negative = true
            position += 1
        } else {
            return nil
        }
        // "with a known headcount", "with an unknown founding date": presence of a number or a date too.
        var known = false
        if let adjective = word(at: position), ["known", "unknown", "reported", "unreported", "listed"].contains(adjective) {
            known = true
            negative = negative != adjective.hasPrefix("un")
            position += 1
        }
        for length in stride(from: Swift.min(4, tokens.count - position), through: 1, by: -1) {
            let said = (position..<(position + length)).compactMap { word(at: $0) }.map(DraftVocabulary.nameStem)
            guard said.count == length else { continue }
            let measure = known ? DraftMeasure.named(in: (position..<(position + length)).map { word(at: $0) }, at: 0) : nil
            let fields = vocabulary.fields.indices.filter { field in
                let column = vocabulary.fields[field]
                if let measure, measure.length == length, column.measure?.measure == measure.measure, column.measure?.isChange == false { return true }
                if [.text, .list].contains(column.type), column.words.map(DraftVocabulary.nameStem) == said { return true }
                return known && column.words.filter { !DraftVocabulary.genericNameWords.contains($0) }.map(DraftVocabulary.nameStem) == said
            }
            guard fields.count == 1, let field = fields.first else { continue }
            var end = position + length
            if let next = word(at: end), ["account", "accounts", "page", "profile", "url", "handle", "listed", "on", "file"].contains(next) { end += 1 }
            if bounds(at: end) != nil { return nil }
            var found = Match(length: end - index, claims: [(field, .present)], negates: negative)
            // `n/a` and `none` are values to `exists`: said, so the reader can count them as missing.
            let placeholders = vocabulary.fields[field].placeholders
            if !placeholders.isEmpty {
                found.question = "\(vocabulary.fields[field].name) holds \(placeholders.map { "`\($0)`" }.joined(separator: ", ")), which `exists` counts as present: add them to `missing_values` in the workspace, or exclude them"
            }
            return found
        }
        return nil
    }

    /// "top 100", "Fortune 500", "the top 50": the rank column, at most N. "moved up at least
    /// 50 places", "climbed 100+ spots", "dropped more than 20 places": its change.
    func rankPhrase(at index: Int) -> Match? {
        guard let first = word(at: index) else { return nil }
        if ["top", "fortune", "first"].contains(first), index + 1 < tokens.count, let count = tokens[index + 1].number, count >= 1, count == count.rounded(),
           first != "fortune" || [10, 50, 100, 500, 1000].contains(count) {
            switch vocabulary.column(measuring: .rank, change: false, word: "rank") {
            case .field(let field): return Match(length: 2, claims: [(field, .range(min: nil, max: count))])
            case .several(let fields):
                return Match(length: 2, unmappedClosest: .some("\"\(words(index..<(index + 2)))\" could be \(fields.map { vocabulary.fields[$0].name }.joined(separator: " or ")); name the column"))
            case .none: return first == "fortune" ? Match(length: 2, unmappedClosest: .some("no column holds a rank")) : nil
            }
        }
        let up: Set<String> = ["moved", "climbed", "rose", "jumped", "gained", "improved", "up"]
        let down: Set<String> = ["dropped", "fell", "slipped", "slid", "lost", "declined", "down", "fallen"]
        guard up.contains(first) || down.contains(first) else { return nil }
        var position = index + 1
        var falling = down.contains(first)
        if let next = word(at: position), ["up", "down"].contains(next) { falling = next == "down"; position += 1 }
        if word(at: position) == "by" { position += 1 }
        let rankWords: Set<String> = ["rank", "ranks", "ranking", "rankings", "list", "table"]
        var length: Int
        var least = 1.0
        var most: Double?
        if let bounds = bounds(at: position, lone: true), let unit = word(at: position + bounds.length),
           ["places", "place", "spots", "spot", "positions", "position", "ranks", "rank"].contains(unit) {
            length = position + bounds.length + 1 - index
            // "more than 50 places" is 51 and up; a rise of N places is a change of +N, a fall -N.
            least = (bounds.min ?? 1) + (bounds.minIsStrict ? 1 : 0)
            most = bounds.max == bounds.min ? nil : bounds.max.map { $0 - (bounds.maxIsStrict ? 1 : 0) }
        } else if word(at: position) == "in", let next = word(at: position + 1) == "the" ? word(at: position + 2) : word(at: position + 1), rankWords.contains(next) {
            // "dropped in the rankings": any fall.
            length = position + (word(at: position + 1) == "the" ? 3 : 2) - index
        } else {
            return nil
        }
        // "climbed more than 50 places in the ranking": the ranking is what moved.
        if word(at: index + length) == "in", let next = word(at: index + length + 1) == "the" ? word(at: index + length + 2) : word(at: index + length + 1), rankWords.contains(next) {
            length += word(at: index + length + 1) == "the" ? 3 : 2
        }
        guard case .field(let field) = vocabulary.column(measuring: .rank, change: true, word: "change") else {
            return Match(length: length, unmappedClosest: .some("no column holds a change of rank"))
        }
        return Match(length: length, claims: [(field, falling ? .range(min: most.map { -$0 }, max: -least) : .range(min: least, max: most))])
    }
}
