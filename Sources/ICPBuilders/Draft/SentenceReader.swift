import ICPLanguage
import ICPEngine
/// Reads a sentence against a ``DraftVocabulary``: left to right, each position is tried as a
/// number phrase, a known phrase (sizes, places, stages, growth), a strength or negation word,
/// a value of the data, a filler, or a value misspelled by one letter; words that fit nothing
/// are gathered into ``UnmappedPhrase``s.
///
/// Modes: a strength word gives its mode to the claims after it in its clause, or to those
/// before it when none follow ("Series B+ preferred"); a negation makes the rest of its clause
/// excludes. A comma ends a clause, except that a list of values of the same field goes on in
/// the mode it started in ("excluding retail, manufacturing and public sector").
struct SentenceReader {
    let vocabulary: DraftVocabulary
    let tokens: [DraftToken]
    let characters: [Character]
    let asOf: CalendarDate

    private(set) var claims: [DraftClaim] = []
    private(set) var unmapped: [UnmappedPhrase] = []
    /// What the reading guessed and asks the reader to settle (``ICPDraft/questions``).
    var questions: [String] = []
    /// Tokens of the unmapped run being gathered.
    private var run: [Int] = []

    private var mode: ParameterMode?
    private var weight: Double?
    /// Where in `claims` the current strength word started.
    private var modeFrom = 0
    private var negated = false
    /// "non-" negates the one value after it ("non-financial companies in Texas"), not the clause.
    private var negatesNextOnly = false
    /// Where in `claims` the current negation started.
    private var negationFrom = 0
    private var clauseFrom = 0
    /// After a comma: the field, mode and negation a list of values may go on with.
    private var carry: (field: Int, mode: ParameterMode?, weight: Double?, negated: Bool)?

    init(_ sentence: String, vocabulary: DraftVocabulary, asOf: CalendarDate) {
        self.vocabulary = vocabulary
        self.tokens = DraftTokenizer.tokens(sentence)
        self.characters = Array(sentence)
        self.asOf = asOf
    }

    /// One recognized stretch: how many tokens, and what they say.
    struct Match {
        var length: Int
        var claims: [(field: Int, test: DraftClaim.Test)] = []
        /// Tokens that looked like a condition but met no column: reported with this closest column.
        var unmappedClosest: String??
        /// The phrase itself says "not" ("net new": no existing customers).
        var negates = false
        /// The word it was read as, when the words were not the data's own (a misspelling).
        var readAs: String?
        /// What the reading guessed: said in the output and the file.
        var question: String?
    }

    mutating func read() {
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.isStop || (token.word.map(DraftLexicon.clauseBreaks.contains) ?? false) {
                endClause(comma: token.text == ",")
                index += 1
                continue
            }
            if token.word == "and", negated, claims.count > clauseFrom,
               let next = word(at: index + 1), ["with", "in", "on", "using", "based", "that", "who", "having", "are", "have", "has"].contains(next) {
                negated = false
            }
            // "outside London with 5000+ employees": what the negation named ends at a word that
            // starts another condition.
            if negated, claims.count > negationFrom, let word = token.word, ["with", "having", "that", "who", "whose", "which", "founded", "where"].contains(word) {
                negated = false
            }
            if var match = numberPhrase(at: index) ?? knownPhrase(at: index) {
                // A longer value of the data wins over a shorter known phrase: "enterprise software"
                // is a category, not the size band "enterprise" followed by "software".
                // A number phrase that fits no column, where the data writes a band as text, is that band.
                if let value = valuePhrase(at: index, fuzzy: false), value.length > match.length || (match.claims.isEmpty && match.unmappedClosest != nil) {
                    match = value
                }
                accept(match, at: index)
                index += match.length
            } else if let (length, strength, strengthWeight) = strengthWord(at: index) {
                flushRun()
                carry = nil
                mode = strength
                weight = strengthWeight
                modeFrom = claims.count
                index += length
            } else if let length = negation(at: index) {
                flushRun()
                carry = nil
                negatesNextOnly = !negated && length == 1 && word(at: index) == "non"
                if !negated { negationFrom = claims.count }
                negated = true
                index += length
            } else if let match = valuePhrase(at: index, fuzzy: false) ?? industryPhrase(at: index) {
                accept(match, at: index)
                index += match.length
            } else if let word = token.word, DraftLexicon.fillers.contains(word), !namesAnIndustryUnread(at: index) {
                // "and" and "or" part two unmapped phrases; other fillers may sit inside one.
                if word == "and" || word == "or" { flushRun() } else if !run.isEmpty { run.append(index) }
                index += 1
            } else if let match = valuePhrase(inOtherWords: index) ?? accountNamePhrase(at: index) {
                accept(match, at: index)
                index += match.length
            } else if let match = valuePhrase(at: index, fuzzy: true) {
                accept(match, at: index)
                index += match.length
            } else if let word = token.word, isMisspelledFiller(word) || namesTextColumn(word) {
                if !run.isEmpty { run.append(index) }
                index += 1
            } else {
                run.append(index)
                index += 1
            }
        }
        endClause(comma: false)
    }

    /// Every claim in `mode` (an exclude, a filter, or a score of `weight`), whatever the words said: for `icp refine`'s "add a ... boost".
    mutating func force(mode: ParameterMode?, weight: Double?) {
        guard let mode else { return }
        for index in claims.indices {
            claims[index].negated = mode == .exclude
            claims[index].mode = mode == .exclude ? nil : mode
            claims[index].weight = mode == .score ? (weight ?? claims[index].weight ?? 1) : nil
        }
    }

    private mutating func accept(_ match: Match, at index: Int) {
        if let closest = match.unmappedClosest {
            flushRun()
            unmapped.append(UnmappedPhrase(words: words(index..<(index + match.length)), closest: closest))
            return
        }
        flushRun()
        if let question = match.question { questions.append(question) }
        for (field, test) in match.claims {
            if let carried = carry {
                if carried.field == field {
                    (mode, weight, negated) = (carried.mode, carried.weight, carried.negated)
                    modeFrom = claims.count
                }
                carry = nil
            }
            var claim = DraftClaim(field: field, test: test, tokens: index..<(index + match.length), mode: mode, weight: weight,
                                   negated: negated != match.negates, readAs: match.readAs)
            if let previous = claims.last, previous.field == field, previous.tokens.upperBound <= index {
                let between = (previous.tokens.upperBound..<index).map { tokens[$0].word ?? tokens[$0].text }
                if between.allSatisfy({ ["or", "and", ",", "either", "nor", "plus", "&"].contains($0) }) {
                    claim.joiner = between.contains("or") || between.contains("nor") ? "or" : between.contains("and") || between.contains("plus") || between.contains("&") ? "and" : ","
                }
            }
            claims.append(claim)
        }
        if negatesNextOnly, !match.claims.isEmpty {
            negated = false
            negatesNextOnly = false
        }
    }

    private mutating func endClause(comma: Bool) {
        flushRun()
        // A strength word with nothing after it in its clause speaks of what came before it.
        if let mode, modeFrom == claims.count {
            for position in clauseFrom..<claims.count where claims[position].mode == nil {
                claims[position].mode = mode
                claims[position].weight = weight
            }
        }
        let explicit = mode != nil || negated
        carry = comma && explicit && claims.count > clauseFrom ? (claims[claims.count - 1].field, mode, weight, negated) : nil
        mode = nil
        weight = nil
        negated = false
        negatesNextOnly = false
        clauseFrom = claims.count
        modeFrom = claims.count
    }

    /// Ends the run of unknown words: trailing fillers are dropped from the quote.
    private mutating func flushRun() {
        while let last = run.last, let word = tokens[last].word, DraftLexicon.glue.contains(word) { run.removeLast() }
        guard let first = run.first, let last = run.last else { return }
        let phraseWords = run.compactMap { tokens[$0].word }
        unmapped.append(UnmappedPhrase(words: words(first..<(last + 1)), closest: closestField(to: phraseWords)))
        run = []
    }

    // MARK: - Helpers for the recognizers

    func word(at index: Int) -> String? {
        index < tokens.count ? tokens[index].word : nil
    }

    /// Whether the words at `index` are `phrase`.
    func matches(_ phrase: [String], at index: Int) -> Bool {
        guard index + phrase.count <= tokens.count else { return false }
        return phrase.indices.allSatisfy { tokens[index + $0].word == phrase[$0] }
    }

    /// The longest of `phrases` at `index`, with its entry.
    func longest<T>(_ entries: [([String], T)], at index: Int) -> (length: Int, entry: T)? {
        var best: (length: Int, entry: T)?
        for (phrase, entry) in entries where phrase.count > (best?.length ?? 0) && matches(phrase, at: index) {
            best = (phrase.count, entry)
        }
        return best
    }

    /// Whether the filler at `index` is an industry word ("tech" in "Paris tech companies") that
    /// no value of the data answered: it is reported as not mapped, never dropped. Before a
    /// tool word ("tech stack") it is a filler.
    func namesAnIndustryUnread(at index: Int) -> Bool {
        guard let word = word(at: index), DraftLexicon.synonyms[word] != nil else { return false }
        return !["stack", "stacks", "tools", "tooling", "tool"].contains(self.word(at: index + 1) ?? "")
    }

    /// Whether `word` is the whole name of a text column ("rounds" for `round`): the noun of
    /// what the rows are, which asks for nothing by itself.
    func namesTextColumn(_ word: String) -> Bool {
        let loose = DraftVocabulary.looseSpelling(word)
        return vocabulary.fields.contains { [.text, .list].contains($0.type) && $0.words.count == 1 && DraftVocabulary.looseSpelling($0.words[0]) == loose }
    }

    /// The sentence's text from the first to the last of `range`'s tokens.
    func words(_ range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last, last < tokens.count else { return "" }
        return String(characters[tokens[first].start..<tokens[last].end])
    }

    private func strengthWord(at index: Int) -> (Int, ParameterMode, Double?)? {
        longest(DraftLexicon.strengths.map { ($0.0, ($0.1, $0.2)) }, at: index).map { ($0.length, $0.entry.0, $0.entry.1) }
    }

    private func negation(at index: Int) -> Int? {
        longest(DraftLexicon.negations.map { ($0, ()) }, at: index)?.length
    }
}
