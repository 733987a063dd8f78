/// A parameter to be written into a file, with the comment lines that go above it in YAML.
public struct WrittenParameter: Sendable {
    public var field: String
    public var mode: ParameterMode
    public var condition: Condition
    public var weight: Double?
    public var comments: [String]

    public init(field: String, mode: ParameterMode, condition: Condition, weight: Double?, comments: [String] = []) {
        self.field = field
        self.mode = mode
        self.condition = condition
        self.weight = weight
        self.comments = comments
    }

    /// Block YAML lines at `indent`: comments, `- field:`, then the other keys two spaces in.
    public func yamlLines(indent: String) -> [String] {
        var lines = comments.map { "\(indent)# \(ICPFileText.commentText($0))" }
        lines.append("\(indent)- field: \(ICPFileText.yamlText(field))")
        lines.append("\(indent)  mode: \(mode.rawValue)")
        lines += ICPFileText.condition(condition, quote: ICPFileText.yamlText).map { "\(indent)  \($0.key): \($0.value)" }
        if let weight { lines.append("\(indent)  weight: \(CountFormat.plain(weight))") }
        return lines
    }

    /// `industry: filter, in [Software]`; `tech_stack: score (weight 2), in [hubspot]`.
    public var summary: String {
        let written = ICPFileText.condition(condition, quote: ICPFileText.yamlText).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(field): \(mode.rawValue)\(weight.map { " (weight \(CountFormat.plain($0)))" } ?? ""), \(written)"
    }

    /// `{field: x, mode: filter, ...}` in flow YAML, or the JSON object (which has no comments).
    public func flowItem(json: Bool) -> String {
        func quote(_ text: String) -> String { json ? text.jsonQuoted : ICPFileText.yamlText(text) }
        var pairs = [("field", quote(field)), ("mode", quote(mode.rawValue))]
        pairs += ICPFileText.condition(condition, quote: quote).map { ($0.key, $0.value) }
        if let weight { pairs.append(("weight", CountFormat.plain(weight))) }
        return "{" + pairs.map { "\(json ? $0.0.jsonQuoted : $0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

/// A whole ICP file written by a builder (`icp derive`, `icp draft`): YAML with comments, or
/// JSON, where the comments go into `description`.
public struct ICPFileText: Sendable {
    public var code: String
    public var name: String
    /// Comment lines at the top of a YAML file; in JSON, the start of `description`.
    public var header: [String]
    public var minScore: Double = 0
    /// Highest first.
    public var tiers: [(name: String, minimum: Double)] = []
    public var parameters: [WrittenParameter]
    /// Comment lines after the last parameter (YAML); appended to `description` in JSON.
    public var trailing: [String] = []
    /// The JSON `description`, when not the header, the parameters' comments and the trailing lines.
    public var jsonDescription: String?

    public init(code: String, name: String, header: [String], parameters: [WrittenParameter]) {
        self.code = code
        self.name = name
        self.header = header
        self.parameters = parameters
    }

    public var yaml: String {
        var lines = header.map { "# \(Self.commentText($0))" }
        lines += ["icp: \(Self.yamlText(code))", "name: \(Self.yamlText(name))", "status: draft"]
        if minScore > 0 { lines.append("min_score: \(CountFormat.plain(minScore))") }
        if !tiers.isEmpty {
            lines.append("tiers: {\(tiers.map { "\(Self.yamlText($0.name)): \(CountFormat.plain($0.minimum))" }.joined(separator: ", "))}")
        }
        lines.append("parameters:")
        for parameter in parameters { lines += parameter.yamlLines(indent: "  ") }
        lines += trailing.map { "  # \(Self.commentText($0))" }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        let description = jsonDescription ?? (header + parameters.flatMap { parameter in
            parameter.comments.map { "\(parameter.field) (\(parameter.mode.rawValue)): \($0)" }
        } + trailing).joined(separator: " ")
        var members = ["\"icp\": \(code.jsonQuoted)", "\"name\": \(name.jsonQuoted)", "\"status\": \"draft\"", "\"description\": \(description.jsonQuoted)"]
        if minScore > 0 { members.append("\"min_score\": \(CountFormat.plain(minScore))") }
        if !tiers.isEmpty {
            members.append("\"tiers\": {\(tiers.map { "\($0.name.jsonQuoted): \(CountFormat.plain($0.minimum))" }.joined(separator: ", "))}")
        }
        let items = parameters.map { "    " + $0.flowItem(json: true) }
        members.append("\"parameters\": [\n\(items.joined(separator: ",\n"))\n  ]")
        return "{\n" + members.map { "  \($0)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// The condition's keys and values as written; text values through `quote`, numbers and dates bare.
    public static func condition(_ condition: Condition, quote: (String) -> String) -> [(key: String, value: String)] {
        switch condition {
        case .equals(let value): [("is", bare(value.text, quote, flag: true))]
        case .oneOf(let values): [("in", "[\(values.map { quote($0.text) }.joined(separator: ", "))]")]
        case .allOf(let values): [("all_of", "[\(values.map { quote($0.text) }.joined(separator: ", "))]")]
        case .containsAny(let values): [("contains_any", "[\(values.map { quote($0.text) }.joined(separator: ", "))]")]
        case .range(let min, let max): [min.map { ("min", bare($0.text, quote)) }, max.map { ("max", bare($0.text, quote)) }].compactMap { $0 }
        case .exists(let flag): [("exists", flag ? "true" : "false")]
        case .withinDays(let days): [("within_days", String(days))]
        }
    }

    /// A number (or, with `flag`, `true`/`false`) stays bare; anything else, dates included, goes through `quote`.
    private static func bare(_ text: String, _ quote: (String) -> String, flag: Bool = false) -> String {
        Double(text) != nil || (flag && (text == "true" || text == "false")) ? text : quote(text)
    }

    /// Text for one comment line: line breaks of every kind YAML knows (U+0085, U+2028 and U+2029
    /// too) and other control characters become spaces, so nothing can end the comment early.
    public static func commentText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isLineBreakOrControl($0) ? " " : $0 }))
    }

    /// A control character, or a character YAML reads as the end of a line.
    static func isLineBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Text as a YAML scalar: plain when it cannot be misread, else double-quoted with JSON's
    /// escapes (a JSON string is a valid YAML double-quoted scalar).
    public static func yamlText(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " ._/+&()-".unicodeScalars.contains(scalar)) && scalar.value >= 0x20
        }
        let plain = safe && !text.isEmpty && text.first?.isLetter == true && text.last != " " && !text.contains(" #")
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
        return plain ? text : text.jsonQuoted
    }
}
