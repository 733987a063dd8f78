import FoundationEssentials
import ICPLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The score parameters with `decay`: for a record that matches one, its points fade with the
/// age of the record's date, halving every `half_life_days` (format.md, Decay). A record's score
/// then depends on its dates, not only on which score parameters it matches, so records that
/// match a decaying parameter are scored one by one; the others keep the subset arithmetic.
struct DecayTerms: Sendable {
    struct Term: Sendable {
        /// Its number among the score parameters.
        let scoreIndex: Int
        let field: String
        /// The records it counts as matched (its `missing` policy applied).
        let matched: Bitset
        /// The date column's value codes and days, nil when the field is not a date column.
        let codes: [UInt32]?
        let days: [Int32]?
        let halfLife: Double
    }

    let terms: [Term]
    let asOf: Int
    /// Records matching at least one decaying parameter.
    let rows: Bitset

    init?(_ terms: [Term], asOf: CalendarDate, rowCount: Int) {
        guard !terms.isEmpty else { return nil }
        self.terms = terms
        self.asOf = asOf.daysSinceEpoch
        var rows = Bitset(count: rowCount)
        for term in terms { rows.formUnion(term.matched) }
        self.rows = rows
    }

    /// The share of its points a record keeps for `term`: 1/2 per half-life of age, age counted
    /// in days before `as_of` (a date after it is fresh); 1 without a date (`missing: pass`).
    func factor(_ term: Term, row: Int) -> Double {
        guard let codes = term.codes, let days = term.days else { return 1 }
        let code = Int(codes[row])
        guard code > 0 else { return 1 }
        let age = max(0, asOf - Int(days[code]))
        return pow(0.5, Double(age) / term.halfLife)
    }

    /// A record's score: the points of the score parameters in `subset` (decayed where they
    /// decay), summed in file order, over the total of `scores` for that subset; `fresh`: a field
    /// whose decaying parameters count in full (filled with a passing value, for enrichment).
    func score(row: Int, subset: UInt64, scores: SubsetScore, leavingOut skipped: Int? = nil, fresh: String? = nil) -> Double {
        var earned = 0.0, total = 0.0
        for (index, weight) in scores.weights.enumerated() where index != skipped {
            if !scores.isAbsent(subset, index) { total += weight }
            guard SubsetScore.contains(subset, index) else { continue }
            let term = terms.first { $0.scoreIndex == index }
            earned += term.map { $0.field == fresh ? weight : weight * factor($0, row: row) } ?? weight
        }
        return total > 0 ? 100 * earned / total : 100
    }

    /// The subset of `sets` (score parameters, then absences) that `row` is in.
    static func subset(of row: Int, in sets: [Bitset]) -> UInt64 {
        var subset: UInt64 = 0
        for (index, set) in sets.enumerated() where index < 64 && set.contains(row) { subset |= 1 << UInt64(index) }
        return subset
    }
}
