/// Finds the closest spelling among candidates, for "did you mean" suggestions.
public enum ClosestMatch {
    /// The candidate nearest to `word` by optimal string alignment distance (case-insensitive),
    /// if it is close enough to be a plausible typo: at most 1 edit for short words, 2 for
    /// words of 5 or more characters, 3 for 10 or more. Ties go to the earlier candidate.
    public static func to(_ word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        guard !target.isEmpty else { return nil }
        let limit = target.count >= 10 ? 3 : (target.count >= 5 ? 2 : 1)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            if abs(other.count - target.count) > limit { continue }
            let distance = Self.distance(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The column `name` most likely means: a typo's correction (``to(_:in:)``), else the one
    /// column whose name holds it at its start or end, as a renamed export does (`employees` →
    /// `employee_count`, `num_employees`; `sector` → `GICS Sector`), or that it starts with
    /// (`naics_code` → `NAICS`): compared without case, `_`, `-` or spaces, with a plural's `s`
    /// dropped, for names of 5 or more letters. Two such columns (`income` → `INCOME_CD`,
    /// `INCOME_AMT`) give no suggestion: the choice is the user's.
    public static func column(_ name: String, in columns: [String]) -> String? {
        if let typo = to(name, in: columns) { return typo }
        func squeezed(_ text: String) -> String { String(text.lowercased().filter { $0.isLetter || $0.isNumber }) }
        var stem = squeezed(name)
        if stem.count > 5, stem.hasSuffix("s") { stem.removeLast() }
        guard stem.count >= 5 else { return nil }
        let holding = columns.filter { column in
            let other = squeezed(column)
            return other != stem && (other.hasPrefix(stem) || other.hasSuffix(stem) || other.hasSuffix(stem + "s") || (other.count >= 5 && stem.hasPrefix(other)))
        }
        return holding.count == 1 ? holding[0] : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    package static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
