import FoundationEssentials

/// How counts and shares read to a person: `48,000`, `2.5%`.
public enum CountFormat {
    /// Digits grouped by thousands with commas.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A number as briefly as it reads: `80`, `2.5`.
    public static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A share 0...1 as a percentage with `digits` decimals (half away from zero). A share short
    /// of all, or above none, never reads as 100% or 0%: it takes the decimals it needs, up to
    /// three more (99.93% with no decimal is `99.9%`, not `100%`).
    public static func percent(_ share: Double, digits: Int = 1) -> String {
        var shown = digits
        while shown < digits + 3, share > 0, share < 1 {
            let scale = (0..<shown).reduce(100.0) { value, _ in value * 10 }
            let rounded = (share * scale).rounded(.toNearestOrAwayFromZero)
            guard rounded == 0 || rounded == scale else { break }
            shown += 1
        }
        // Past that, the nearest figure that still says "not all" or "some".
        let step = (0..<shown).reduce(1.0) { value, _ in value / 10 }
        var value = share * 100
        if share < 1 { value = min(value, 100 - step) }
        if share > 0 { value = max(value, step) }
        return decimal(value, digits: shown) + "%"
    }

    /// A number with exactly `digits` decimals (half away from zero).
    public static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        // Past 2^53 a double has no fraction to show, and the scaled value may not fit an Int.
        guard abs(value) * scale < 9e15 else { return CFormat.string("%.*f", Int32(max(0, digits)), value) }
        let scaled = Int((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let whole = scaled / Int(scale)
        let fraction = scaled % Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - fractionText.count))\(fractionText)"
    }
}
