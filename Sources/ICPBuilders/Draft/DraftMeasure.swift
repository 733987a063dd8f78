import ICPLanguage
import ICPEngine
/// What a number column measures, read from its name, and what a phrase of a sentence names:
/// a measure word reaches the column of that measure and never a neighbour ("profit" is not
/// `Revenues`, "market value" not `Sales`, a change in rank not the rank).
enum DraftMeasure: String, Sendable, CaseIterable {
    case revenue, profit, valuation, assets, funding, employees, rank

    /// The words that name each measure, in sentences and in column names.
    static let names: [(words: [String], measure: DraftMeasure)] = [
        (["revenue"], .revenue), (["revenues"], .revenue), (["sales"], .revenue), (["turnover"], .revenue), (["arr"], .revenue),
        (["top", "line"], .revenue), (["topline"], .revenue),
        (["profit"], .profit), (["profits"], .profit), (["profitability"], .profit), (["earnings"], .profit), (["net", "income"], .profit),
        (["income"], .profit), (["ebitda"], .profit), (["bottom", "line"], .profit), (["margin"], .profit),
        (["valuation"], .valuation), (["valuations"], .valuation), (["valued"], .valuation), (["worth"], .valuation),
        (["market", "value"], .valuation), (["market", "cap"], .valuation), (["market", "caps"], .valuation), (["marketcap"], .valuation),
        (["market", "capitalization"], .valuation), (["marketvalue"], .valuation), (["mktcap"], .valuation), (["market", "capitalisation"], .valuation), (["mkt", "cap"], .valuation), (["mcap"], .valuation),
        (["assets"], .assets), (["asset"], .assets), (["balance", "sheet"], .assets),
        (["funding"], .funding), (["raised"], .funding), (["funds", "raised"], .funding), (["money", "raised"], .funding),
        (["capital", "raised"], .funding), (["investment"], .funding), (["invested"], .funding),
        (["employees"], .employees), (["employee"], .employees), (["headcount"], .employees), (["staff"], .employees), (["workers"], .employees),
        (["workforce"], .employees), (["people"], .employees), (["team", "size"], .employees), (["fte"], .employees), (["ftes"], .employees),
        (["rank"], .rank), (["ranked"], .rank), (["ranking"], .rank), (["position"], .rank), (["place"], .rank), (["spot"], .rank),
    ]

    /// Words of a column's name that make it a change of its measure, not the measure.
    static let changeWords: Set<String> = ["change", "changes", "growth", "pct", "percent", "yoy", "delta", "gained", "dropped", "increase", "decrease", "diff"]

    /// What a column measures and whether it is a change of it: from the words of its name
    /// (`Profits_M` is profit; `RevenuePercentChange` a change of revenue; `Change_in_Rank` of rank).
    static func of(nameWords words: [String]) -> (measure: DraftMeasure, isChange: Bool)? {
        var position = 0
        while position < words.count {
            if let found = names.filter({ entry in words.count - position >= entry.words.count && Array(words[position..<(position + entry.words.count)]) == entry.words })
                .max(by: { $0.words.count < $1.words.count }) {
                // A name word meaning something else in column names: "place" of birth, "position" title.
                if ["place", "spot", "position", "people", "valued", "worth", "investment", "invested"].contains(found.words[0]) { position += 1; continue }
                // `funding_rounds`, `num_investors`: a count beside a money word is not the money.
                if found.measure != .employees, found.measure != .rank, !DraftVocabulary.countNameWords.subtracting(["employees", "employee", "headcount", "workers", "staff", "rank"]).isDisjoint(with: words) { return nil }
                return (found.measure, !changeWords.isDisjoint(with: words))
            }
            position += 1
        }
        return nil
    }

    /// The measure a sentence names at `index` of `words`, and how many words it takes.
    static func named(in words: [String?], at index: Int) -> (measure: DraftMeasure, length: Int)? {
        var best: (measure: DraftMeasure, length: Int)?
        for entry in names where entry.words.count > (best?.length ?? 0) && index + entry.words.count <= words.count {
            if entry.words.indices.allSatisfy({ words[index + $0] == entry.words[$0] }) { best = (entry.measure, entry.words.count) }
        }
        return best
    }
}
