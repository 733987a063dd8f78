/// How words of values, phrases and column names are spelled alike: keys, loose words,
/// roots, accents folded, abbreviations of column names.
extension DraftVocabulary {
    /// A word without the endings that make a trade of an activity or the reverse: `retailer`,
    /// `retailing` and `retail` meet; `insurer` and `insurance`; `banking` and `bank`.
    static func root(_ word: String) -> String {
        for suffix in ["ances", "ance", "ings", "ing", "ers", "er", "ors", "or", "ment"] where word.count - suffix.count >= 4 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// The content words of a text, each spelled one way: lowercase, singular, American
    /// (`organisations` → `organization`, `centre` → `center`, `labour` → `labor`), without
    /// `and`, `of`, `the`, `&`.
    static func looseWords(_ text: some StringProtocol) -> Set<String> {
        var words = Set(key(text).split(separator: " ").compactMap { word -> String? in
            let word = String(word)
            guard !["and", "of", "the", "for", "in", "a", "an", "or"].contains(word) else { return nil }
            return looseSpelling(word)
        })
        // A hyphenated word is also one word: `E-commerce` meets "ecommerce", `B2B-SaaS` "b2bsaas".
        for part in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" }) where part.contains("-") {
            let joined = key(String(part).replacing("-", with: ""))
            if !joined.isEmpty, !joined.contains(" ") { words.insert(looseSpelling(joined)) }
        }
        return words
    }

    /// One word spelled one way: singular and American.
    static func looseSpelling(_ word: String) -> String {
        var word = word
        for (british, american) in [("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
                                    ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"), ("ogue", "og"),
                                    ("yse", "yze"), ("ysed", "yzed"), ("lled", "led"), ("lling", "ling")]
        where word.count > british.count + 2 && word.hasSuffix(british) {
            // Only endings that are British spellings: "enterprise", "exercise" and "four" stay.
            if british == "ise" || british == "ised" || british == "ising", ["enterprise", "exercise", "advertise", "advertising", "advertised", "franchise", "merchandise", "merchandising", "premise", "expertise", "promise", "surprise", "compromise", "supervise", "supervising", "televise", "wise", "rise", "noise", "cruise", "raise", "raised", "praise", "otherwise", "revise", "devise", "comprise", "comprising"].contains(word) { break }
            if british == "our" || british == "ours", !["colour", "colours", "flavour", "flavours", "labour", "harbour", "honour", "behaviour", "neighbour", "favour", "humour", "rumour", "vapour", "armour", "endeavour", "savour"].contains(word) { break }
            if british == "ence" || british == "tre" || british == "tres", !["defence", "licence", "offence", "pretence", "centre", "centres", "theatre", "theatres", "metre", "metres", "litre", "fibre", "calibre"].contains(word) { break }
            word = String(word.dropLast(british.count)) + american
            break
        }
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 4, word.hasSuffix("ses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes") { return String(word.dropLast(2)) }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") { return String(word.dropLast()) }
        return word
    }

    /// How values and phrases meet: lowercase, `-` `_` `/` as spaces, `&` as the word `and`
    /// ("Food & Beverage" meets "food and beverage"), other marks dropped except `+`.
    static func key(_ text: some StringProtocol) -> String {
        var result = ""
        func space() { if !result.isEmpty, result.last != " " { result.append(" ") } }
        for character in text.lowercased() {
            if let base = foldedLetters[character] {
                result += base
            } else if character.isLetter || character.isNumber || character == "+" {
                result.append(character)
            } else if character == "&" {
                space()
                result += "and "
            } else if character == " " || character == "-" || character == "_" || character == "/" {
                space()
            }
        }
        return result.hasSuffix(" ") ? String(result.dropLast()) : result
    }

    /// Cell texts that stand for no value.
    static let placeholderKeys: Set<String> = ["n a", "na", "none", "null", "nil", "unknown", "not applicable", "not available", "tbc", "tbd", "no website"]

    /// Accented Latin letters as their base letters: "Sao Paulo" meets `São Paulo`, "Quebec"
    /// `Québec`, "Zurich" `Zürich`.
    static let foldedLetters: [Character: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"),
            ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"),
            ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"), ("ð", "d"),
        ]
        var table: [Character: String] = [:]
        for (letters, base) in groups { for letter in letters { table[letter] = base } }
        return table
    }()

    /// `tech_stack` → `tech stack`; `annualRevenue` → `annual revenue`.
    static func words(ofName name: String) -> [String] {
        var spaced = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase { spaced.append(" ") }
            spaced.append(character)
            previous = character
        }
        return key(spaced).split(separator: " ").map { nameAbbreviations[String($0)] ?? String($0) }
    }

    /// Shortened words of column names, read as the word they shorten: `numEmps` counts employees,
    /// `raisedAmt` is an amount.
    static let nameAbbreviations: [String: String] = [
        "emp": "employees", "emps": "employees", "empl": "employees", "empls": "employees",
        "amt": "amount", "rev": "revenue", "revs": "revenue", "cnt": "count", "nbr": "number", "yr": "year", "yrs": "years",
        "mkt": "market", "val": "value", "hq": "headquarters", "desc": "description", "dt": "date", "ctry": "country", "cntry": "country",
    ]
}
