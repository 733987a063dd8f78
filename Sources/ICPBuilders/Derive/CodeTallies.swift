import ICPLanguage
import ICPEngine
/// Won and lost training accounts per value code of one column: the counts every split of
/// that column is measured from, gathered in one pass over the outcome sets.
struct CodeTallies {
    /// Won against lost (churned counted as configured), per code; code 0 is missing.
    var outcome: [OutcomeTally]
    /// Accounts with the lost label itself (churned left aside), per code: a value that no lost
    /// account holds is how a column that restates the outcome shows itself.
    var lostLabel: [Int]
    /// Training accounts holding each code, decided or not: where range cut points come from.
    var population: [Int]

    init(column: Column, sets: DeriveSets) {
        let count = column.values.count
        outcome = Array(repeating: OutcomeTally(), count: count)
        lostLabel = Array(repeating: 0, count: count)
        population = Array(repeating: 0, count: count)
        let codes = column.codes
        sets.won.forEach { outcome[Int(codes[$0])].won += 1 }
        sets.lost.forEach { outcome[Int(codes[$0])].lost += 1 }
        sets.lostLabel.forEach { lostLabel[Int(codes[$0])] += 1 }
        sets.training.forEach { population[Int(codes[$0])] += 1 }
    }

    /// The sum over some codes.
    func tally(of codes: some Sequence<Int>) -> (outcome: OutcomeTally, lostLabel: Int) {
        var outcome = OutcomeTally()
        var lostLabel = 0
        for code in codes {
            outcome += self.outcome[code]
            lostLabel += self.lostLabel[code]
        }
        return (outcome, lostLabel)
    }
}

/// The training accounts of a derivation and their outcomes, as row sets.
struct DeriveSets {
    let training: Bitset
    let won: Bitset
    /// Lost, plus churned when churned counts as lost.
    let lost: Bitset
    /// The lost label alone.
    let lostLabel: Bitset

    var decided: Bitset { won.union(lost) }
    var total: OutcomeTally { OutcomeTally(won: won.cardinality, lost: lost.cardinality) }

    /// The tally of the training accounts in `rows`.
    func tally(_ rows: Bitset) -> OutcomeTally {
        OutcomeTally(won: rows.intersectionCount(won), lost: rows.intersectionCount(lost))
    }
}
