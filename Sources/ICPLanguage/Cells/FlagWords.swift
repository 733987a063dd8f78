/// How exports write yes/no columns (format.md, Column types): `Yes`/`No`, `TRUE`/`FALSE`,
/// `Y`/`N`, `T`/`F`, `1`/`0`, or a mark (`x`, `✓`) where an empty cell means no.
public enum FlagWords: String, Sendable, CaseIterable {
    /// `yes`, `no`, `true`, `false`, any case.
    case words
    /// `Y`, `N`.
    case letters
    /// `T`, `F`, both present.
    case truthLetters
    /// `1`, `0`, both present, under a header that does not name a count.
    case digits
    /// One mark and empty cells: the mark is yes, the empty cell no.
    case mark

    /// What `text` means in this vocabulary; nil when it is not one of its words.
    public func value(_ text: some StringProtocol) -> Bool? {
        let lowered = text.trimmingWhitespace().lowercased()
        switch self {
        case .words: return ["yes": true, "true": true, "no": false, "false": false][lowered]
        case .letters: return ["y": true, "n": false][lowered]
        case .truthLetters: return ["t": true, "f": false][lowered]
        case .digits: return ["1": true, "0": false][lowered]
        case .mark: return Self.marks.contains(lowered) ? true : lowered.isEmpty ? false : nil
        }
    }

    static let marks: Set<String> = ["x", "✓", "✔", "☑", "✗", "*"]

    /// The vocabulary all of a column's distinct present values belong to, if any. `header` is
    /// the column's name (a `1`/`0` column named like a count, `Initial Approvals`, stays
    /// numbers); `hasEmptyCells` says whether some cells are empty (a lone mark needs them).
    public static func vocabulary(of values: some Collection<String>, header: String, hasEmptyCells: Bool) -> FlagWords? {
        let lowered = Set(values.map { $0.trimmingWhitespace().lowercased() })
        guard !lowered.isEmpty, lowered.count <= 4 else { return nil }
        if lowered.isSubset(of: ["yes", "no", "true", "false"]) { return .words }
        if lowered.isSubset(of: ["y", "n"]) { return .letters }
        if lowered == ["t", "f"] { return .truthLetters }
        if lowered == ["1", "0"], !namesACount(header) { return .digits }
        if lowered.count == 1, let only = lowered.first, marks.contains(only), hasEmptyCells { return .mark }
        return nil
    }

    /// Words that make a header a count or an amount, not a flag.
    private static let countWords: Set<String> = [
        "count", "counts", "number", "num", "no", "qty", "quantity", "total", "amount", "amt", "sum", "employees", "staff",
        "headcount", "size", "revenue", "income", "sales", "score", "rank", "rating", "year", "years", "age", "days", "months",
        "hours", "units", "shares", "votes", "points", "level", "version", "round", "approvals", "denials", "seats", "users",
        "visits", "orders", "deals", "contacts", "accounts", "locations", "offices", "children", "rooms", "value", "price",
    ]

    static func namesACount(_ header: String) -> Bool {
        var words: [String] = []
        var word = ""
        var previous: Character?
        for character in header {
            // Split on anything not a letter, and between a lowercase letter and an uppercase one (`InitialApprovals`).
            if !character.isLetter || (character.isUppercase && previous?.isLowercase == true) {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = character.isLetter ? String(character) : ""
            } else {
                word.append(character)
            }
            previous = character
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return words.contains { countWords.contains($0) } || header.hasPrefix("#") || header.lowercased().hasPrefix("n_")
    }
}
