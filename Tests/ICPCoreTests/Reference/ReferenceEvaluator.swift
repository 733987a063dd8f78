import Foundation
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// format.md (conditions, evaluation) applied row by row, as plainly as possible: the independent computation
/// the engine's figures are tested against.
struct ReferenceEvaluator {
    let table: ReferenceTable
    let asOf: Int
    /// The workspace's `missing` policy (format.md, Missing values).
    var missingDefault: MissingPolicy = .fail

    /// Whether `row` meets `condition` on `field` (format.md, Parameters and conditions).
    func meets(_ row: [String?], _ field: String, _ condition: Condition) -> Bool {
        let exists = table.header.contains(field) && table.value(row, field) != nil
        if case .exists(let wanted) = condition { return exists == wanted }
        guard exists, let raw = table.value(row, field), let kind = table.kinds[field] else { return false }
        let text = raw.lowercased()
        func same(_ wanted: String) -> Bool {
            switch kind {
            case .text: return text == wanted.trimmingCharacters(in: .whitespaces).lowercased()
            case .number: return ReferenceTable.number(raw) != nil && ReferenceTable.number(raw) == number(wanted)
            case .boolean: return ReferenceTable.boolean(raw) != nil && ReferenceTable.boolean(raw) == ReferenceTable.boolean(wanted)
            case .date: return ReferenceTable.date(raw) != nil && ReferenceTable.date(raw) == ReferenceTable.date(wanted)
            case .list: return false
            case .range:
                guard let band = ReferenceExport.band(raw), let other = ReferenceExport.band(wanted) ?? number(wanted).map({ ($0, $0) }) else { return false }
                return band == other
            }
        }
        /// A condition's number in the column's unit (data-files.md, Units): written with a scale or a currency, converted.
        func number(_ text: String) -> Double? {
            if let plain = ReferenceTable.number(text) { return plain }
            guard let amount = ReferenceExport.amount(text, decimalComma: false) else { return nil }
            if amount.percent { return table.percents.contains(field) ? amount.value : nil }
            return amount.value / (table.scales[field] ?? 1)
        }
        let elements = kind == .list ? table.elements(row, field) : []
        if kind == .list, elements.isEmpty { return false }
        switch condition {
        case .equals(let value):
            return same(value.text)
        case .oneOf(let values):
            if kind == .list { return values.contains { elements.contains($0.text.trimmingCharacters(in: .whitespaces).lowercased()) } }
            return values.contains { same($0.text) }
        case .allOf(let values):
            guard kind == .list else { return false }
            return values.allSatisfy { elements.contains($0.text.trimmingCharacters(in: .whitespaces).lowercased()) }
        case .containsAny(let values):
            let parts = values.map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() }
            if kind == .list { return elements.contains { element in parts.contains { element.contains($0) } } }
            guard kind == .text else { return false }
            return parts.contains { text.contains($0) }
        case .range(let min, let max):
            switch kind {
            case .number:
                guard let value = ReferenceTable.number(raw) else { return false }
                if let min, let low = number(min.text), value < low { return false }
                if let max, let high = number(max.text), value > high { return false }
                return true
            case .range:
                // data-files.md, Bands: a band passes `min` when its lowest value does, `max` when its highest does.
                guard let (low, high) = ReferenceExport.band(raw) else { return false }
                if let min, let bound = number(min.text), !(low.map { $0 >= bound } ?? false) { return false }
                if let max, let bound = number(max.text), !(high.map { $0 <= bound } ?? false) { return false }
                return true
            case .date:
                guard let value = ReferenceTable.date(raw) else { return false }
                if let min, let low = ReferenceTable.date(min.text), value < low { return false }
                if let max, let high = ReferenceTable.date(max.text), value > high { return false }
                return true
            default:
                return false
            }
        case .withinDays(let days):
            guard kind == .date, let value = ReferenceTable.date(raw) else { return false }
            return value >= asOf - days && value <= asOf
        case .exists:
            return false
        }
    }

    struct Result {
        var qualified: [Bool]
        var scores: [Double]
        var matched: [Int]
        var remaining: [Int]
        var without: [Int]
        var tiers: [String: Int]
        /// Passes every filter and no exclude.
        var gate: [Bool]
    }

    /// What a parameter decides for one row, the value's absence taken into account.
    enum Verdict {
        case met, unmet
        /// Missing, under `missing: neutral`: a filter or exclude lets the row through, a score leaves it out of the total.
        case neutral
    }

    /// `filling`: a field whose missing values are taken as filled with a value that passes its
    /// parameters (filters and scores met, excludes not), for the enrichment figures.
    func evaluate(_ icp: ICP, filling filled: String? = nil) -> Result {
        let parameters = icp.parameters.filter(\.isComplete)
        // Each condition decided once per row; everything below reads these verdicts.
        let verdicts: [[Verdict]] = parameters.map { parameter in
            let field = parameter.field!.value
            let condition = parameter.condition!.value
            var policy = parameter.missing?.value ?? missingDefault
            if case .exists = condition { policy = .fail }
            return table.rows.map { row in
                let missing = !(table.header.contains(field) && table.value(row, field) != nil)
                if missing, field == filled { return parameter.mode?.value == .exclude ? .unmet : .met }
                if missing, policy == .pass { return .met }
                if missing, policy == .neutral { return .neutral }
                return meets(row, field, condition) ? .met : .unmet
            }
        }
        func passes(_ index: Int, _ row: Int) -> Bool {
            switch parameters[index].mode?.value {
            case .filter?: verdicts[index][row] != .unmet
            case .exclude?: verdicts[index][row] != .met
            default: true
            }
        }
        func score(_ row: Int, skipping skipped: Int?) -> Double {
            var total = 0.0, earned = 0.0
            for (index, parameter) in parameters.enumerated() where parameter.mode?.value == .score && index != skipped {
                if verdicts[index][row] == .neutral { continue }
                total += parameter.effectiveWeight
                guard verdicts[index][row] == .met else { continue }
                // format.md, Decay: the points halve every half-life of the date's age; no date, no fading.
                var factor = 1.0
                if let halfLife = parameter.decay?.value, let raw = table.value(table.rows[row], parameter.field!.value), let date = ReferenceTable.date(raw) {
                    factor = pow(0.5, Double(max(0, asOf - date)) / halfLife)
                }
                earned += parameter.effectiveWeight * factor
            }
            return total == 0 ? 100 : 100 * earned / total
        }
        func qualifies(_ row: Int, skipping skipped: Int?) -> Bool {
            for index in parameters.indices where index != skipped && !passes(index, row) { return false }
            return score(row, skipping: skipped) >= icp.minScore - 1e-9
        }
        let rows = table.rows.indices
        var result = Result(qualified: [], scores: [], matched: [], remaining: [], without: [], tiers: [:], gate: [])
        result.gate = rows.map { row in parameters.indices.allSatisfy { passes($0, row) } }
        result.qualified = rows.map { qualifies($0, skipping: nil) }
        result.scores = rows.map { score($0, skipping: nil) }
        for (index, _) in parameters.enumerated() {
            // What counts as matched: met, and for a neutral filter the rows it lets through.
            let isFilter = parameters[index].mode?.value == .filter
            result.matched.append(verdicts[index].filter { $0 == .met || ($0 == .neutral && isFilter) }.count)
            result.remaining.append(rows.filter { row in (0...index).allSatisfy { passes($0, row) } }.count)
            result.without.append(rows.filter { qualifies($0, skipping: index) }.count)
        }
        for (row, qualifies) in result.qualified.enumerated() where qualifies {
            let ordered = icp.tiers.enumerated().sorted { $0.element.minimum != $1.element.minimum ? $0.element.minimum > $1.element.minimum : $0.offset < $1.offset }
            if let tier = ordered.first(where: { result.scores[row] >= $0.element.minimum - 1e-9 }) {
                result.tiers[tier.element.name.value, default: 0] += 1
            }
        }
        return result
    }
}
