/// A derivation written as an ICP file, in YAML (evidence as a comment above each parameter)
/// or JSON (which has no comments: the evidence goes into `description`).
public struct DerivedICPText {
    public let derivation: Derivation
    public let code: String
    public let name: String
    /// Comment lines for the top of a YAML file; the first also opens the JSON `description`.
    public let header: [String]

    public init(_ derivation: Derivation, code: String, name: String, header: [String]) {
        self.derivation = derivation
        self.code = code
        self.name = name
        self.header = header
    }

    public var yaml: String {
        var lines = header.map { "# \($0)" }
        lines += ["icp: \(Self.yamlText(code))", "name: \(Self.yamlText(name))", "status: draft"]
        if derivation.minScore > 0 { lines.append("min_score: \(CountFormat.plain(derivation.minScore))") }
        if !derivation.tiers.isEmpty {
            lines.append("tiers: {\(derivation.tiers.map { "\($0.name): \(CountFormat.plain($0.minimum))" }.joined(separator: ", "))}")
        }
        lines.append("parameters:")
        for parameter in derivation.parameters {
            lines.append("  # \(parameter.evidence.summary)")
            lines.append("  - field: \(Self.yamlText(parameter.field))")
            lines.append("    mode: \(parameter.mode.rawValue)")
            lines += Self.condition(parameter.condition, quote: Self.yamlText).map { "    \($0.key): \($0.value)" }
            if let weight = parameter.weight { lines.append("    weight: \(CountFormat.plain(weight))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        let evidence = derivation.parameters.map { "\($0.field) (\($0.mode.rawValue)): \($0.evidence.summary)." }
        let description = (header + ["Evidence on past deals:"] + evidence).joined(separator: " ")
        var members = ["\"icp\": \(code.jsonQuoted)", "\"name\": \(name.jsonQuoted)", "\"status\": \"draft\"", "\"description\": \(description.jsonQuoted)"]
        if derivation.minScore > 0 { members.append("\"min_score\": \(CountFormat.plain(derivation.minScore))") }
        if !derivation.tiers.isEmpty {
            members.append("\"tiers\": {\(derivation.tiers.map { "\($0.name.jsonQuoted): \(CountFormat.plain($0.minimum))" }.joined(separator: ", "))}")
        }
        let parameters = derivation.parameters.map { parameter in
            var fields = ["\"field\": \(parameter.field.jsonQuoted)", "\"mode\": \"\(parameter.mode.rawValue)\""]
            fields += Self.condition(parameter.condition, quote: { $0.jsonQuoted }).map { "\"\($0.key)\": \($0.value)" }
            if let weight = parameter.weight { fields.append("\"weight\": \(CountFormat.plain(weight))") }
            return "    {\(fields.joined(separator: ", "))}"
        }
        members.append("\"parameters\": [\n\(parameters.joined(separator: ",\n"))\n  ]")
        return "{\n" + members.map { "  \($0)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The condition's keys and values as written; text values through `quote`, numbers and dates bare.
    public static func condition(_ condition: Condition, quote: (String) -> String) -> [(key: String, value: String)] {
        switch condition {
        case .equals(let value): [("is", quote(value.text))]
        case .oneOf(let values): [("in", "[\(values.map { quote($0.text) }.joined(separator: ", "))]")]
        case .allOf(let values): [("all_of", "[\(values.map { quote($0.text) }.joined(separator: ", "))]")]
        case .containsAny(let values): [("contains_any", "[\(values.map { quote($0.text) }.joined(separator: ", "))]")]
        case .range(let min, let max): [min.map { ("min", bare($0.text, quote)) }, max.map { ("max", bare($0.text, quote)) }].compactMap { $0 }
        case .exists(let flag): [("exists", flag ? "true" : "false")]
        case .withinDays(let days): [("within_days", String(days))]
        }
    }

    /// A number or a `YYYY-MM-DD` date stays bare; JSON quotes a date, which it reads as text the column types.
    private static func bare(_ text: String, _ quote: (String) -> String) -> String {
        Double(text) != nil ? text : quote(text)
    }

    /// Text as a YAML scalar: plain when it cannot be misread, else double-quoted with JSON's
    /// escapes (a JSON string is a valid YAML double-quoted scalar).
    public static func yamlText(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " ._/+&()-".unicodeScalars.contains(scalar)) && scalar.value >= 0x20
        }
        let plain = safe && !text.isEmpty && text.first?.isLetter == true && text.last != " " && !text.contains(" #")
        return plain ? text : text.jsonQuoted
    }
}
