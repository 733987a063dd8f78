import ICPLanguage
import ICPEngine
/// A condition on `icp diff`'s figures that fails a review (`--fail-if`), in a small grammar
/// (review.md): `[ICP:]METRIC OP NUMBER[%]` or `[ICP:]METRIC drops|rises by NUMBER[%]`.
/// Metrics: `added`, `removed` (accounts; with `%`, a share of the base's qualified), and the
/// head's `qualified`, `win_rate`, `lift`, `won_coverage`, `enriched`. Without an ICP code the
/// gate applies to each ICP (`any`).
public struct DiffGate: Sendable, Equatable, CustomStringConvertible {
    public enum Metric: String, Sendable, CaseIterable {
        case added, removed, qualified
        case winRate = "win_rate"
        case lift
        case wonCoverage = "won_coverage"
        case enriched
    }

    public enum Test: Sendable, Equatable {
        case compare(String, Double)
        case drops(Double)
        case rises(Double)
    }

    public let icp: String?
    public let metric: Metric
    public let test: Test
    /// The number was written with `%`.
    public let percent: Bool
    public let description: String

    /// Reads a gate; the error says what was expected.
    public init(parsing text: String) throws(GateError) {
        description = String(text.trimmingWhitespace())
        var rest = Substring(description)
        if let colon = rest.firstIndex(of: ":") {
            let code = String(rest[..<colon].trimmingWhitespace())
            icp = code == "any" ? nil : code
            rest = rest[rest.index(after: colon)...]
        } else {
            icp = nil
        }
        let words = rest.split(separator: " ").map(String.init)
        let metrics = Metric.allCases.map(\.rawValue).joined(separator: ", ")
        guard let first = words.first, let metric = Metric(rawValue: first) else {
            throw GateError(description: "`\(text)`: a gate starts with a metric (\(metrics)), such as `removed > 5%` or `lift drops by 0.2`")
        }
        self.metric = metric
        func number(_ word: String) throws(GateError) -> (Double, Bool) {
            let isPercent = word.hasSuffix("%")
            guard let value = Double(isPercent ? String(word.dropLast()) : word), value.isFinite else {
                throw GateError(description: "`\(text)`: `\(word)` is not a number (write 0.6, 5% or 12)")
            }
            return (isPercent ? value / 100 : value, isPercent)
        }
        switch words.count {
        case 3 where ["<", "<=", ">", ">=", "==", "!="].contains(words[1]):
            let (value, isPercent) = try number(words[2])
            test = .compare(words[1], value)
            percent = isPercent
        case 4 where ["drops", "rises"].contains(words[1]) && words[2] == "by":
            let (value, isPercent) = try number(words[3])
            test = words[1] == "drops" ? .drops(value) : .rises(value)
            percent = isPercent
        default:
            throw GateError(description: "`\(text)`: write `METRIC OP NUMBER` (OP one of <, <=, >, >=, ==, !=) or `METRIC drops by NUMBER` / `rises by NUMBER`")
        }
    }

    public struct GateError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Whether the gate trips for one ICP's comparison.
    public func trips(_ comparison: ICPComparison, code: String) -> Bool {
        guard icp == nil || icp == code else { return false }
        let baseQualified = Double(comparison.base?.qualified ?? comparison.head?.qualified ?? 0)
        func figure(_ figures: ICPComparison.Figures?) -> Double? {
            guard let figures else { return nil }
            switch metric {
            case .added, .removed: return nil
            case .qualified: return Double(figures.qualified)
            case .winRate: return figures.win_rate
            case .lift: return figures.lift
            case .wonCoverage: return figures.won_coverage
            case .enriched: return figures.enriched
            }
        }
        let value: Double?
        switch metric {
        case .added: value = Double(comparison.added.count) / (percent ? max(baseQualified, 1) : 1)
        case .removed: value = Double(comparison.removed.count) / (percent ? max(baseQualified, 1) : 1)
        default: value = figure(comparison.head)
        }
        switch test {
        case .compare(let op, let bound):
            guard let value else { return false }
            switch op {
            case "<": return value < bound
            case "<=": return value <= bound
            case ">": return value > bound
            case ">=": return value >= bound
            case "==": return abs(value - bound) < 1e-12
            default: return abs(value - bound) >= 1e-12
            }
        case .drops(let amount), .rises(let amount):
            guard let after = value, let before = figure(comparison.base) ?? (metric == .added || metric == .removed ? 0 : nil) else { return false }
            let change = percent && before != 0 ? (after - before) / abs(before) : after - before
            if case .drops = test { return -change >= amount - 1e-12 }
            return change >= amount - 1e-12
        }
    }
}
