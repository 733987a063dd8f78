import ICPLanguage
import ICPEngine
/// Whether a column being filled, rather than what it holds, tells won from lost: the records of
/// lost accounts are often left unfinished (a closed company's country is never entered), so
/// "the country is one of these 22" can mean no more than "the country is known".
struct PresenceEffect {
    let filled: OutcomeTally
    let empty: OutcomeTally

    /// Nil unless both groups are large enough, their win rates differ significantly, and one is
    /// at least `DeriveRules.presenceRatio` times the other.
    init?(tallies: CodeTallies, total: OutcomeTally, rules: DeriveRules) {
        empty = tallies.outcome[0]
        filled = total - empty
        guard empty.decided >= rules.minimumValueSupport, filled.decided >= rules.minimumValueSupport,
              filled.chiSquare(against: empty) >= rules.minimumStrength,
              let filledRate = filled.winRate, let emptyRate = empty.winRate,
              max(filledRate, emptyRate) >= rules.presenceRatio * min(filledRate, emptyRate) else { return nil }
    }

    /// `win rate 49% where filled (6,026 decided accounts), 7% where empty (3,823)`.
    var description: String {
        "win rate \(CountFormat.percent(filled.winRate ?? 0, digits: 0)) where filled (\(CountFormat.grouped(filled.decided)) decided accounts), "
            + "\(CountFormat.percent(empty.winRate ?? 0, digits: 0)) where empty (\(CountFormat.grouped(empty.decided))): "
            + "often a sign of how records are kept (lost accounts' records are left unfinished) rather than of fit; "
            + "if being filled is a trait in itself (funded at all), add `exists: true` by hand"
    }
}
