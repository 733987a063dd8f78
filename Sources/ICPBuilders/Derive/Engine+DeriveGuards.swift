import ICPLanguage
import ICPEngine

extension Engine {
    /// A rule on the newest dates (or years) of a column whose accounts have had no time to reach
    /// an outcome: the share of them with one is at most `rules.timingFall` of the older accounts'
    /// share. What outcomes they have so far are the quick ones (a startup closes sooner than it is
    /// acquired), so their win rate says when, not who. Nil when the rule is not on the newest
    /// values or their share is not that low.
    func recencyCaution(_ parameter: DerivedParameter, column: Column, sets: DeriveSets, rules: DeriveRules) -> String? {
        let isNewest = switch parameter.condition {
        case .withinDays: true
        case .range(_?, nil): true
        default: false
        }
        let isDated = if case .date = column.cells { true } else { TimingTrend.holdsYears(column, asOf: settings.asOf) }
        guard isNewest, isDated else { return nil }
        let filled = accountsMatching(column.name, .exists(true)).intersection(sets.training)
        let inside = accountsMatching(column.name, parameter.condition).intersection(filled)
        let outside = filled.subtracting(inside)
        let insideCount = inside.cardinality, outsideCount = outside.cardinality
        guard insideCount > 0, outsideCount > 0 else { return nil }
        let insideShare = Double(sets.tally(inside).decided) / Double(insideCount)
        let outsideShare = Double(sets.tally(outside).decided) / Double(outsideCount)
        guard insideShare <= rules.timingFall * outsideShare else { return nil }
        return "\(CountFormat.percent(insideShare, digits: 0)) of the \(CountFormat.grouped(insideCount)) accounts it covers have an outcome, "
            + "against \(CountFormat.percent(outsideShare, digits: 0)) of the older ones: recent accounts have not had time to be won or lost, "
            + "so the outcomes they have so far are the quick ones"
    }

    /// Values of a short-code column (`15`, `CA`) that stand for different places in different
    /// countries of a country column (a region number within a country): such a value means
    /// something only together with the country. Nil when the rule's values are unambiguous.
    func pairedCodeCaution(_ parameter: DerivedParameter, column: Column, rules: DeriveRules) -> String? {
        guard case .text = column.cells else { return nil }
        let named = Set(parameter.condition.values.map { $0.text })
        let codes = (1..<column.values.count).filter { named.contains(column.values[$0]) }
        guard !codes.isEmpty, codes.allSatisfy({ Self.looksLikeCode(column.values[$0]) }) else { return nil }
        for other in accounts.columns where other.name != column.name && other.values.count > 2 && other.values.count <= 1_000 && holdsCountries(other) {
            // Accounts per (this code, country), and per country.
            var pairs: [Int: [UInt32: Int]] = [:]
            var perCountry: [UInt32: Int] = [:]
            for (row, code) in column.codes.enumerated() where code != 0 && other.codes[row] != 0 {
                pairs[Int(code), default: [:]][other.codes[row], default: 0] += 1
                perCountry[other.codes[row], default: 0] += 1
            }
            // Proposed codes in several countries, each of which holds other codes too (a region
            // within a country, not a group of countries such as `EMEA`).
            let spread = codes.compactMap { code -> (String, [String])? in
                guard let counts = pairs[code] else { return nil }
                let all = counts.values.reduce(0, +)
                let places = counts.filter { country, count in
                    count * 10 >= all && count >= rules.minimumValueSupport && count * 10 < (perCountry[country] ?? 0) * 9
                }.map { other.values[Int($0.key)] }.sorted()
                return places.count >= 2 ? (column.values[code], places) : nil
            }
            guard !spread.isEmpty else { continue }
            let examples = spread.prefix(3).map { "`\($0.0)` is in \($0.1.count) values of \(other.name) (\($0.1.prefix(4).joined(separator: ", ")))" }
            return "its codes mean something only together with \(other.name): \(examples.joined(separator: "; ")); "
                + "a rule on \(column.name) alone would mix those places (write one by hand on both columns)"
        }
        return nil
    }

    /// A text column whose accounts (four in five at least) hold country names or codes.
    private func holdsCountries(_ column: Column) -> Bool {
        guard case .text = column.cells else { return false }
        let known = (1..<column.values.count).reduce(0) { sum, code in
            sum + (PlaceTables.countryByKey[DraftVocabulary.key(column.values[code])] != nil ? column.counts[code] : 0)
        }
        return known * 5 >= column.presentCount * 4
    }

    /// Up to four letters or digits with a digit or all capitals: `15`, `CA`, `B7`.
    private static func looksLikeCode(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard (1...4).contains(scalars.count), scalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) }) else { return false }
        return true
    }
}
