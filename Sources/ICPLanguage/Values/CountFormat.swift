import Foundation

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

    /// A share 0...1 as a percentage with `digits` decimals (half away from zero).
    public static func percent(_ share: Double, digits: Int = 1) -> String {
        decimal(share * 100, digits: digits) + "%"
    }

    /// A number with exactly `digits` decimals (half away from zero).
    public static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        // Past 2^53 a double has no fraction to show, and the scaled value may not fit an Int.
        guard abs(value) * scale < 9e15 else { return String(format: "%.\(max(0, digits))f", value) }
        let scaled = Int((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let whole = scaled / Int(scale)
        let fraction = scaled % Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - fractionText.count))\(fractionText)"
    }
}
