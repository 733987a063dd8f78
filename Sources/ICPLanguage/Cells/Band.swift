/// A band of numbers in its column's unit, as a size or bracket column holds one (format.md,
/// Bands): `51-200` is at least 51 and at most 200, `10,000+` at least 10,000, `<$1M` under a
/// million. A plain number is a band of one value.
///
/// Conditions judge a band by all the values it may hold: `min: N` passes a band whose lowest
/// value is at least N, `max: N` one whose highest is at most N; a band straddling N passes
/// neither. `is`/`in` name bands as written (`is: 51-200`) and compare their bounds.
public struct Band: Sendable, Hashable, CustomStringConvertible {
    /// The lowest value, `-infinity` when open.
    public var lower: Double
    /// The highest value, `infinity` when open.
    public var upper: Double
    /// `>5`, `over 5`: the band holds values above `lower`, not `lower` itself.
    public var lowerExclusive: Bool
    /// `<5`, `under 5`, `less than 5`.
    public var upperExclusive: Bool

    public init(lower: Double, upper: Double, lowerExclusive: Bool = false, upperExclusive: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerExclusive = lowerExclusive
        self.upperExclusive = upperExclusive
    }

    /// Every value of the band is at least `bound`.
    public func isAtLeast(_ bound: Double) -> Bool { lower >= bound }

    /// Every value of the band is at most `bound`.
    public func isAtMost(_ bound: Double) -> Bool { upper <= bound }

    /// "at least 51 and at most 200", "at least 10,000", "under 1,000,000".
    public var description: String {
        var parts: [String] = []
        if lower.isFinite { parts.append("\(lowerExclusive ? "over" : "at least") \(CountFormat.plain(lower))") }
        if upper.isFinite { parts.append("\(upperExclusive ? "under" : "at most") \(CountFormat.plain(upper))") }
        if lower == upper, !lowerExclusive, !upperExclusive { return "exactly \(CountFormat.plain(lower))" }
        return parts.isEmpty ? "any value" : parts.joined(separator: " and ")
    }
}

/// A band as written, its ends still amounts (a decimal mark and a unit to settle): what ``read(_:)`` finds.
public struct WrittenBand: Sendable, Hashable {
    public var lower: Amount?
    public var upper: Amount?
    public var lowerExclusive = false
    public var upperExclusive = false

    public init(lower: Amount?, upper: Amount?, lowerExclusive: Bool = false, upperExclusive: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerExclusive = lowerExclusive
        self.upperExclusive = upperExclusive
    }

    /// The band in a column of `unit` (ends written with a scale word are converted into it),
    /// under `mark`; nil when an end does not read under it or the ends are the wrong way round.
    public func band(unit: NumberUnit, mark: DecimalMark?) -> Band? {
        func value(_ end: Amount?) -> Double?? {
            guard let end else { return .some(nil) }
            guard let value = end.value(mark) else { return nil }
            return .some(end.scale == 1 ? value : value / unit.scale)
        }
        guard let low = value(lower), let high = value(upper) else { return nil }
        let band = Band(lower: low ?? -.infinity, upper: high ?? .infinity, lowerExclusive: lowerExclusive, upperExclusive: upperExclusive)
        return band.lower <= band.upper ? band : nil
    }

    /// Words after a band that name what it counts (`51-200 employees`).
    private static let countWords: Set<String> = ["employees", "employee", "people", "staff", "persons", "members", "workers", "users", "seats", "locations"]

    private static let upperPrefixes: [(String, Bool)] = [
        ("less than or equal to ", false), ("less than ", true), ("fewer than ", true), ("under ", true), ("below ", true),
        ("up to ", false), ("<= ", false), ("<=", false), ("≤", false), ("<", true),
    ]
    private static let lowerPrefixes: [(String, Bool)] = [
        ("more than ", true), ("greater than ", true), ("over ", true), ("above ", true), ("at least ", false),
        (">= ", false), (">=", false), ("≥", false), (">", true),
    ]
    private static let lowerSuffixes = [" or more", " and more", " and over", " and above", " or above", " or greater", " plus", "+"]
    private static let upperSuffixes = [" or less", " or fewer", " and under", " and below", " or below"]

    /// Reads `text` as a band; nil when it is not one (a plain number is not read here).
    public static func read(_ text: some StringProtocol) -> WrittenBand? {
        var written = String(text.trimmingWhitespace())
        guard written.count <= 80, written.contains(where: { $0.isNumber }) else { return nil }
        var lowered = asciiLowercased(written)
        if let space = lowered.lastIndex(of: " "), countWords.contains(String(lowered[lowered.index(after: space)...])) {
            let cut = lowered.distance(from: lowered.startIndex, to: space)
            written = String(written.prefix(cut).trimmingWhitespace())
            lowered = asciiLowercased(written)
        }
        for (prefix, exclusive) in upperPrefixes where lowered.hasPrefix(prefix) {
            guard let end = amount(written.dropFirst(prefix.count)) else { return nil }
            return WrittenBand(lower: nil, upper: end, upperExclusive: exclusive)
        }
        for (prefix, exclusive) in lowerPrefixes where lowered.hasPrefix(prefix) {
            guard let end = amount(written.dropFirst(prefix.count)) else { return nil }
            return WrittenBand(lower: end, upper: nil, lowerExclusive: exclusive)
        }
        for suffix in lowerSuffixes where lowered.hasSuffix(suffix) {
            guard let end = amount(written.dropLast(suffix.count)) else { return nil }
            return WrittenBand(lower: end, upper: nil)
        }
        for suffix in upperSuffixes where lowered.hasSuffix(suffix) {
            guard let end = amount(written.dropLast(suffix.count)) else { return nil }
            return WrittenBand(lower: nil, upper: end)
        }
        var body = Substring(written)
        var bodyLowered = Substring(lowered)
        if bodyLowered.hasPrefix("between ") || bodyLowered.hasPrefix("from ") {
            let skip = bodyLowered.hasPrefix("from ") ? 5 : 8
            body = body.dropFirst(skip)
            bodyLowered = bodyLowered.dropFirst(skip)
        }
        for separator in [" to ", " and ", " - ", " – ", " — ", "–", "—", "-"] {
            guard let split = splitPoint(bodyLowered, separator) else { continue }
            let start = body.index(body.startIndex, offsetBy: split)
            let end = body.index(start, offsetBy: separator.count)
            guard var low = amount(body[..<start]), let high = amount(body[end...]) else { return nil }
            // `10-50M`, `$1-5 million`: a scale written once, after the second end, counts for both.
            if low.scale == 1, high.scale != 1, let scaled = low.withPoint.map({ $0 * high.scale }), let top = high.withPoint, scaled <= top {
                low.withPoint = scaled
                low.withComma = low.withComma.map { $0 * high.scale }
                low.scale = high.scale
            }
            let band = WrittenBand(lower: low, upper: high)
            guard band.band(unit: .plain, mark: nil) != nil || band.band(unit: .plain, mark: .point) != nil || band.band(unit: .plain, mark: .comma) != nil else { return nil }
            return band
        }
        return nil
    }

    /// Where `separator` splits `text` into two non-empty ends, the first ending in a digit or a
    /// scale letter (so `-5` is a negative number, not a band).
    private static func splitPoint(_ text: Substring, _ separator: String) -> Int? {
        guard let range = text.firstRange(of: separator), range.lowerBound > text.startIndex, range.upperBound < text.endIndex else { return nil }
        let before = text[text.index(before: range.lowerBound)]
        guard before.isNumber || before.isLetter || before == "%" else { return nil }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    /// An end of a band: an amount that is not a code.
    private static func amount(_ text: some StringProtocol) -> Amount? {
        guard let amount = Amount(text), !amount.leadingZero else { return nil }
        return amount
    }

    /// ASCII letters lowercased, every other character kept, so indexes line up with the text.
    private static func asciiLowercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value >= 0x41 && $0.value <= 0x5A ? Unicode.Scalar(UInt8($0.value + 32)) : $0 }))
    }
}
