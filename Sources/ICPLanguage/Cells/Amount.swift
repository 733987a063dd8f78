/// Which character separates a number's fraction: `.` (`1,234.5`) or `,` (`1.234,5`).
public enum DecimalMark: String, Sendable, CaseIterable {
    case point = "."
    case comma = ","
}

/// A number as exports write amounts (format.md, Values as written): a sign or parentheses,
/// a currency sign or code before or after it, thousands separators, a decimal point or
/// comma, a scale word or letter (`k`, `M`, `MM`, `bn`, `million`...) and a percent sign:
/// `$12,345,678`, `USD 700,000`, `$5.2M`, `36.9 Million`, `(1,200)`, `624.442,00 €`, `8.5%`.
///
/// A text can read two ways when its only separator is followed by exactly three digits
/// (`1,234`, `€624.442`): both readings are kept, and the column (or the `decimal` setting)
/// decides.
public struct Amount: Sendable, Hashable {
    /// The value when `.` is the decimal point, scale applied; nil when the text cannot mean that.
    public var withPoint: Double?
    /// The value when `,` is the decimal mark, scale applied; nil when the text cannot mean that.
    public var withComma: Double?
    /// The currency written (ISO code: `USD` for `$`), if any.
    public var currency: String?
    public var percent: Bool
    /// What the scale word or letter multiplies by (1 when there is none): the values include it.
    public var scale: Double
    /// Written as a plain decimal number (nothing but a sign, digits and a point).
    public var plain: Bool
    /// A whole number written with a leading zero (`0123`): a code more than a quantity.
    public var leadingZero: Bool

    /// The value under `mark`, or under the only reading there is when `mark` is nil.
    public func value(_ mark: DecimalMark?) -> Double? {
        switch mark {
        case .point?: withPoint
        case .comma?: withComma
        case nil: withPoint == withComma || withComma == nil ? withPoint : withPoint == nil ? withComma : nil
        }
    }

    /// Both readings exist and differ: only a setting or other cells can tell.
    public var isAmbiguous: Bool {
        if let withPoint, let withComma { return withPoint != withComma }
        return false
    }

    /// Reads `text`; nil when it is not an amount.
    public init?(_ text: some StringProtocol) {
        // Whole numbers and exponents (`42`, `1e6`) read the same with either decimal mark.
        if !text.contains("."), let plain = ScalarReading.number(text) {
            let digits = text.trimmingWhitespace().drop { $0 == "-" || $0 == "+" }
            self.init(withPoint: plain, withComma: plain, currency: nil, percent: false, scale: 1, plain: true,
                      leadingZero: digits.count > 1 && digits.hasPrefix("0") && digits.allSatisfy { $0.isASCII && $0.isNumber })
            return
        }
        var scanner = AmountScanner(Array(text.trimmingWhitespace().unicodeScalars))
        guard var amount = scanner.read() else { return nil }
        amount.plain = ScalarReading.number(text) != nil
        self = amount
    }

    init(withPoint: Double?, withComma: Double?, currency: String?, percent: Bool, scale: Double, plain: Bool, leadingZero: Bool) {
        self.withPoint = withPoint
        self.withComma = withComma
        self.currency = currency
        self.percent = percent
        self.scale = scale
        self.plain = plain
        self.leadingZero = leadingZero
    }

    /// Scale words and letters, lowercased, and what they multiply by.
    static let scales: [String: Double] = [
        "k": 1e3, "thousand": 1e3, "thousands": 1e3, "thou": 1e3,
        "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
        "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "billions": 1e9,
        "t": 1e12, "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
    ]

    /// Currency signs and the codes they stand for.
    static let currencySigns: [String: String] = [
        "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
        "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "Fr.": "CHF",
    ]

    /// ISO codes read before or after an amount (`USD 700,000`, `100 EUR`).
    static let currencyCodes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "RMB", "INR", "SEK", "NOK", "DKK", "PLN",
        "CZK", "HUF", "BRL", "MXN", "ZAR", "SGD", "HKD", "KRW", "ILS", "TRY", "AED", "SAR",
    ]
}

/// The scanner behind ``Amount``: decorations are peeled from both ends, then the digits read.
private struct AmountScanner {
    var scalars: [Unicode.Scalar]
    var low = 0
    var high: Int

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        high = scalars.count
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isMinus(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2212}"
    }

    private mutating func skipSpaces() {
        while low < high, Self.isSpace(scalars[low]) { low += 1 }
        while high > low, Self.isSpace(scalars[high - 1]) { high -= 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[range])
        return text
    }

    /// A currency sign or code at the start; its ISO code.
    private mutating func leadingCurrency() -> String? {
        for length in stride(from: min(3, high - low), through: 1, by: -1) {
            let candidate = text(low..<(low + length))
            if let code = Amount.currencySigns[candidate] ?? (length == 3 && Amount.currencyCodes.contains(candidate) ? candidate : nil) {
                // A code must stand apart from the digits' letters: `USD 5` or `USD5`, not `USDA`.
                low += length
                return code
            }
        }
        return nil
    }

    /// A currency sign or code at the end; its ISO code.
    private mutating func trailingCurrency() -> String? {
        for length in stride(from: min(3, high - low), through: 1, by: -1) {
            let candidate = text((high - length)..<high)
            if let code = Amount.currencySigns[candidate] ?? (length == 3 && Amount.currencyCodes.contains(candidate) ? candidate : nil) {
                high -= length
                return code
            }
        }
        return nil
    }

    mutating func read() -> Amount? {
        guard scalars.contains(where: Self.isDigit), scalars.count <= 64 else { return nil }
        var negative = false
        var decorated = false
        var currency: String?
        skipSpaces()
        // Parentheses, a sign and a currency, in the orders exports write them: `($1,234)`, `-$1,234`, `$-1,234`, `1.234 €`.
        if low < high, scalars[low] == "(", scalars[high - 1] == ")" {
            negative = true
            decorated = true
            low += 1
            high -= 1
            skipSpaces()
        }
        if low < high, Self.isMinus(scalars[low]) || scalars[low] == "+" {
            negative = negative != Self.isMinus(scalars[low])
            low += 1
            skipSpaces()
        }
        if let code = leadingCurrency() {
            currency = code
            decorated = true
            skipSpaces()
            if low < high, Self.isMinus(scalars[low]) || scalars[low] == "+" {
                negative = negative != Self.isMinus(scalars[low])
                low += 1
                skipSpaces()
            }
            if low < high, scalars[low] == "(", scalars[high - 1] == ")" {
                negative = !negative
                low += 1
                high -= 1
                skipSpaces()
            }
        }
        if currency == nil, let code = trailingCurrency() {
            currency = code
            decorated = true
            skipSpaces()
        }
        var percent = false
        if low < high, scalars[high - 1] == "%" {
            percent = true
            decorated = true
            high -= 1
            skipSpaces()
        }
        // A scale word or letter right after the digits.
        var scale = 1.0
        var letters = high
        while letters > low, scalars[letters - 1].properties.isAlphabetic { letters -= 1 }
        if letters < high {
            guard !percent, let factor = Amount.scales[text(letters..<high).lowercased()] else { return nil }
            scale = factor
            decorated = true
            high = letters
            skipSpaces()
        }
        guard low < high else { return nil }
        // What is left is the number itself: digits, separators, and perhaps a sign written after a currency.
        guard let body = NumberBody(Array(scalars[low..<high])) else { return nil }
        let sign = negative ? -1.0 : 1.0
        let point = body.withPoint.map { sign * $0 * scale }
        let comma = body.withComma.map { sign * $0 * scale }
        guard point != nil || comma != nil else { return nil }
        return Amount(withPoint: point, withComma: comma, currency: currency, percent: percent, scale: scale,
                      plain: false, leadingZero: body.leadingZero && !decorated)
    }
}

/// The digits of an amount with their separators: what they mean with a decimal point and with a decimal comma.
private struct NumberBody {
    var withPoint: Double?
    var withComma: Double?
    var leadingZero = false

    /// Groups of digits between separators (`.`, `,`, spaces, `'`), checked per reading:
    /// thousands groups of three after a first group of one to three digits, one decimal mark, last.
    init?(_ scalars: [Unicode.Scalar]) {
        var groups: [String] = [""]
        var separators: [Unicode.Scalar] = []
        for scalar in scalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                groups[groups.count - 1].unicodeScalars.append(scalar)
            } else if [".", ",", " ", "\u{A0}", "\u{202F}", "\u{2009}", "'", "\u{2019}"].contains(scalar) {
                separators.append(scalar)
                groups.append("")
            } else {
                return nil
            }
        }
        if separators.isEmpty {
            guard let whole = Double(groups[0]), groups[0].utf8.count <= 17 else { return nil }
            withPoint = whole
            withComma = whole
            leadingZero = groups[0].count > 1 && groups[0].hasPrefix("0")
            return
        }
        withPoint = Self.value(groups, separators, decimal: ".")
        withComma = Self.value(groups, separators, decimal: ",")
    }

    /// The number when `decimal` is the decimal mark and every other separator groups thousands.
    private static func value(_ groups: [String], _ separators: [Unicode.Scalar], decimal: Unicode.Scalar) -> Double? {
        var whole = groups
        var fraction = ""
        if separators.last == decimal {
            fraction = whole.removeLast()
            guard !fraction.isEmpty || whole.count == 1 else { return nil }
        }
        let grouping = separators.prefix(whole.count - 1)
        guard !grouping.contains(decimal) else { return nil }
        // One kind of grouping separator (spaces count as one kind).
        let kinds = Set(grouping.map { [" ", "\u{A0}", "\u{202F}", "\u{2009}"].contains($0) ? " " : $0 })
        guard kinds.count <= 1 else { return nil }
        if whole.count > 1 {
            guard (1...3).contains(whole[0].count), !(whole[0].hasPrefix("0")), whole.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        } else if whole[0].isEmpty, fraction.isEmpty {
            return nil
        }
        let digits = whole.joined()
        guard digits.utf8.count + fraction.utf8.count <= 24 else { return nil }
        return Double((digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction))
    }
}
