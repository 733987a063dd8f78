import ICPLanguage
import ICPEngine
/// One piece of a sentence given to `icp draft` or `icp refine`: a word, a number, or a mark
/// that ends a clause or joins a range.
struct DraftToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Lowercased letters and digits; `b+` keeps its plus (Series B+).
        case word
        /// A number with its magnitude applied: `$10M` is 10,000,000.
        case number(Double)
        /// `-`, `–` or `—` between numbers: a range.
        case dash
        /// `,`, `;`, `.`, `:`, `(`, `)`: the end of a clause.
        case stop
    }

    var kind: Kind
    /// Lowercased for words; the written text for the rest.
    var text: String
    /// Written in capitals (`US`, `EMEA`): short values such as country codes only match then.
    var isCapitalized: Bool
    /// A currency sign came before the number.
    var isMoney = false
    /// `%` came after the number.
    var isPercent = false
    /// The magnitude written after the number: 1,000 for `10k`, else 1.
    var scale = 1.0
    /// `+` came after the number (`200+`).
    var isOpenEnded = false
    /// Character offsets in the sentence, for quoting the words back.
    var start: Int
    var end: Int

    var word: String? { kind == .word ? text : nil }
    var number: Double? { if case .number(let value) = kind { value } else { nil } }
    var isStop: Bool { kind == .stop }
}

/// Splits a sentence into ``DraftToken``s. Hyphens between letters split words (`growth-stage`
/// is `growth stage`); between numbers, or standing alone, they are range dashes.
enum DraftTokenizer {
    static func tokens(_ sentence: String) -> [DraftToken] {
        let characters = Array(sentence)
        var tokens: [DraftToken] = []
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "&" || character == "'" || character == "’"
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || "\"“”«»`‘".contains(character) || ("'’".contains(character) && !(index > 0 && characters[index - 1].isLetter && index + 1 < characters.count && characters[index + 1].isLetter)) {
                index += 1
            } else if "$€£".contains(character), index + 1 < characters.count, characters[index + 1].isNumber {
                var token = number(characters, from: index + 1)
                token.isMoney = true
                token.start = index
                tokens.append(token)
                index = token.end
            } else if character.isNumber, character.isASCII {
                let token = number(characters, from: index)
                tokens.append(token)
                index = token.end
            } else if "-−".contains(character), index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber,
                      character == "−" || index == 0 || characters[index - 1].isWhitespace || characters[index - 1] == "(",
                      tokens.last?.number == nil {
                // A sign, not a range: "lower the growth floor to -10" (but "51 -500" stays a range).
                var token = number(characters, from: index + 1)
                if case .number(let value) = token.kind { token.kind = .number(-value) }
                token.text = "-" + token.text
                token.start = index
                tokens.append(token)
                index = token.end
            } else if "-–—".contains(character) {
                let joinsLetters = index > 0 && characters[index - 1].isLetter && index + 1 < characters.count && characters[index + 1].isLetter
                if !joinsLetters { tokens.append(DraftToken(kind: .dash, text: "-", isCapitalized: false, start: index, end: index + 1)) }
                index += 1
            } else if ",;.:()!?".contains(character) {
                tokens.append(DraftToken(kind: .stop, text: String(character), isCapitalized: false, start: index, end: index + 1))
                index += 1
            } else if character == "/" {
                tokens.append(DraftToken(kind: .word, text: "or", isCapitalized: false, start: index, end: index + 1))
                index += 1
            } else if isWordCharacter(character) {
                var end = index
                while end < characters.count, isWordCharacter(characters[end]) { end += 1 }
                // A closing quote mark is not part of the word: `'uses Snowflake'`.
                while end > index + 1, "'’".contains(characters[end - 1]) { end -= 1 }
                // `U.S.` and `e.g.`: dots inside a word of single letters belong to it.
                while end + 1 < characters.count, characters[end] == ".", characters[end + 1].isLetter, end - index <= 2 || characters[end - 2] == "." {
                    end += 2
                    if end < characters.count, characters[end] == "." { end += 1 }
                }
                if end < characters.count, characters[end] == "+" { end += 1 }
                let written = String(characters[index..<end])
                let letters = written.filter(\.isLetter)
                var text = written.lowercased().replacing("’", with: "'")
                if letters.count > 1, text.contains(".") { text = text.replacing(".", with: "") }
                if text.hasSuffix("'s") { text.removeLast(2) }
                tokens.append(DraftToken(kind: .word, text: text, isCapitalized: !letters.isEmpty && letters.allSatisfy(\.isUppercase),
                                         start: index, end: end))
                index = end
            } else {
                index += 1
            }
        }
        return withNumberWords(tokens)
    }

    private static let numberWords: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    ]
    private static let magnitudeWords: Set<String> = ["thousand", "million", "millions", "billion", "billions", "trillion", "trillions", "bn", "mn"]
    /// Words a number follows in a comparison: "at least one", "more than two", "up to ten".
    private static let comparisonEnds: Set<String> = ["least", "than", "over", "under", "above", "below", "most", "exactly", "to", "between", "minimum", "maximum"]

    /// Numbers written in words where they can only be numbers: before a magnitude ("a trillion",
    /// "one billion", "two million") or after a comparison ("at least one", "fewer than ten").
    private static func withNumberWords(_ tokens: [DraftToken]) -> [DraftToken] {
        var tokens = tokens
        for index in tokens.indices {
            guard let word = tokens[index].word else { continue }
            let next = index + 1 < tokens.count ? tokens[index + 1].word : nil
            let previous = index > 0 ? tokens[index - 1].word : nil
            let value: Double?
            if let next, magnitudeWords.contains(next) {
                value = ["a", "an"].contains(word) ? 1 : numberWords[word]
            } else if let previous, comparisonEnds.contains(previous) {
                value = numberWords[word]
            } else {
                value = nil
            }
            guard let value else { continue }
            tokens[index].kind = .number(value)
            tokens[index].text = CountFormat.plain(value)
        }
        return tokens
    }

    /// A number starting at `start`: digits with `,` thousands and a `.` decimal, then an optional
    /// magnitude (`k`, `m`, `mm`, `b`, `bn`), `%` or `+`.
    private static func number(_ characters: [Character], from start: Int) -> DraftToken {
        var end = start
        var digits = ""
        while end < characters.count {
            let character = characters[end]
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == ",", !digits.isEmpty, (1...3).allSatisfy({ end + $0 < characters.count && characters[end + $0].isNumber }),
                      end + 4 >= characters.count || !characters[end + 4].isNumber {
                // A thousands separator: exactly three digits follow.
            } else if character == ".", end + 1 < characters.count, characters[end + 1].isNumber, !digits.contains(".") {
                digits.append(".")
            } else {
                break
            }
            end += 1
        }
        // An exponent: `1e6`, `2.5E+3`.
        if end + 1 < characters.count, "eE".contains(characters[end]) {
            var after = end + 1
            var exponent = "e"
            if "+-".contains(characters[after]) { exponent.append(characters[after]); after += 1 }
            let digitsStart = after
            while after < characters.count, characters[after].isASCII, characters[after].isNumber { exponent.append(characters[after]); after += 1 }
            if after > digitsStart, after == characters.count || !characters[after].isLetter {
                digits += exponent
                end = after
            }
        }
        var value = Double(digits) ?? 0
        var token = DraftToken(kind: .number(value), text: String(characters[start..<end]), isCapitalized: false, start: start, end: end)
        let rest = String(characters[end..<min(characters.count, end + 3)]).lowercased()
        for (suffix, scale) in [("mm", 1e6), ("bn", 1e9), ("tn", 1e12), ("k", 1e3), ("m", 1e6), ("b", 1e9), ("t", 1e12)] where rest.hasPrefix(suffix) {
            let after = end + suffix.count
            if after == characters.count || !characters[after].isLetter {
                value *= scale
                token.scale = scale
                end = after
                break
            }
        }
        if end < characters.count, characters[end] == "%" { token.isPercent = true; end += 1 }
        if end < characters.count, characters[end] == "+" { token.isOpenEnded = true; end += 1 }
        // A number too large for a double (`1e309`, or `1e308b` once scaled) bounds nothing: it
        // is a word, reported as not mapped.
        token.kind = value.isFinite ? .number(value) : .word
        if !value.isFinite { token.text = String(characters[start..<end]).lowercased() }
        token.end = end
        return token
    }
}
