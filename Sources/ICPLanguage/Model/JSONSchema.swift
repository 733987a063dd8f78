/// JSON Schemas (draft-07) of ICP files and of `icp.workspace.yaml`, built from the same key
/// tables as the lowering, for editors without the language server (`icp schema`).
public enum JSONSchema {
    /// A JSON value with its object keys in the order given, so the printed schema reads well.
    public indirect enum Value: Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([Value])
        case object([(String, Value)])

        /// Pretty-printed JSON, two spaces per level.
        public func rendered(indent: Int = 0) -> String {
            let pad = String(repeating: "  ", count: indent + 1)
            let close = String(repeating: "  ", count: indent)
            switch self {
            case .string(let text): return text.jsonQuoted
            case .number(let number): return CountFormat.plain(number)
            case .bool(let flag): return flag ? "true" : "false"
            case .array(let items):
                guard !items.isEmpty else { return "[]" }
                if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                    return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
                }
                return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
            case .object(let pairs):
                guard !pairs.isEmpty else { return "{}" }
                return "{\n" + pairs.map { "\(pad)\($0.0.jsonQuoted): \($0.1.rendered(indent: indent + 1))" }.joined(separator: ",\n") + "\n\(close)}"
            }
        }
    }

    private static func text(_ description: String?, pattern: String? = nil) -> Value {
        var pairs: [(String, Value)] = [("type", .string("string"))]
        if let pattern { pairs.append(("pattern", .string(pattern))) }
        if let description { pairs.append(("description", .string(description))) }
        return .object(pairs)
    }

    private static func choice(_ values: [String], _ description: String?) -> Value {
        .object([("enum", .array(values.map { .string($0) }))] + (description.map { [("description", .string($0))] } ?? []))
    }

    private static func number(_ description: String?, minimum: Double? = nil, maximum: Double? = nil, integer: Bool = false, exclusiveMinimum: Double? = nil) -> Value {
        var pairs: [(String, Value)] = [("type", .string(integer ? "integer" : "number"))]
        if let minimum { pairs.append(("minimum", .number(minimum))) }
        if let exclusiveMinimum { pairs.append(("exclusiveMinimum", .number(exclusiveMinimum))) }
        if let maximum { pairs.append(("maximum", .number(maximum))) }
        if let description { pairs.append(("description", .string(description))) }
        return .object(pairs)
    }

    private static let scalar: Value = .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
    private static let code = "^[a-z0-9][a-z0-9_-]*$"
    private static let date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}"

    private static func list(_ description: String?) -> Value {
        .object([("type", .string("array")), ("items", scalar), ("minItems", .number(1))] + (description.map { [("description", .string($0))] } ?? []))
    }

    /// The schema of an ICP file (format.md, ICP files).
    public static var icpFile: Value {
        let docs = KeyDocumentation.icp
        let parameterDocs = KeyDocumentation.parameter
        let properties: [(String, Value)] = ICPKey.allCases.map { key in
            let help = docs[key]
            let value: Value = switch key {
            case .icp: text(help, pattern: code)
            case .status: choice(ICPStatus.allCases.map(\.rawValue), help)
            case .reviewed: text(help, pattern: date)
            case .priority: number(help, integer: true)
            case .minScore: number(help, minimum: 0, maximum: 100)
            case .tiers: .object([("type", .string("object")), ("additionalProperties", number(nil, minimum: 0, maximum: 100)), ("description", .string(help ?? ""))])
            case .parameters: .object([("type", .string("array")), ("minItems", .number(1)), ("items", .object([("$ref", .string("#/definitions/parameter"))])), ("description", .string(help ?? ""))])
            case .personas: .object([("type", .string("array")), ("items", .object([("$ref", .string("#/definitions/persona"))])), ("description", .string(help ?? ""))])
            case .name, .description, .owner, .dataset: text(help)
            }
            return (key.rawValue, value)
        }
        let parameterProperties: [(String, Value)] = ParameterKey.allCases.map { key in
            let help = parameterDocs[key]
            let value: Value = switch key {
            case .field, .label: text(help)
            case .mode: choice(ParameterMode.allCases.map(\.rawValue), help)
            case .missing: choice(MissingPolicy.allCases.map(\.rawValue), help)
            case .decay: .object([("type", .string("object")), ("required", .array([.string("half_life_days")])), ("additionalProperties", .bool(false)),
                                  ("properties", .object([("half_life_days", number("Days after which the points are halved.", maximum: Parameter.maximumHalfLife, exclusiveMinimum: 0))])),
                                  ("description", .string(help ?? ""))])
            case .weight: number(help, maximum: Parameter.maximumWeight, exclusiveMinimum: 0)
            case .is: .object([("type", .array([.string("string"), .string("number"), .string("boolean")])), ("description", .string(help ?? ""))])
            case .in, .allOf, .containsAny: list(help)
            case .min, .max: .object([("type", .array([.string("string"), .string("number")])), ("description", .string(help ?? ""))])
            case .exists: .object([("type", .string("boolean")), ("description", .string(help ?? ""))])
            case .withinDays: number(help, minimum: 0, maximum: Double(Parameter.maximumWithinDays), integer: true)
            }
            return (key.rawValue, value)
        }
        // Exactly one condition; `min` and `max` together count as one.
        let conditions: [Value] = [ParameterKey.is, .in, .allOf, .containsAny, .exists, .withinDays].map { key in
            .object([("required", .array([.string(key.rawValue)]))])
        } + [.object([("anyOf", .array([.object([("required", .array([.string("min")]))]), .object([("required", .array([.string("max")]))])]))])]
        let parameter: Value = .object([
            ("type", .string("object")),
            ("required", .array([.string("field"), .string("mode")])),
            ("additionalProperties", .bool(false)),
            ("properties", .object(parameterProperties)),
            ("oneOf", .array(conditions)),
        ])
        let persona: Value = .object([
            ("type", .string("object")),
            ("required", .array([.string("persona"), .string("parameters")])),
            ("additionalProperties", .bool(false)),
            ("properties", .object(PersonaKey.allCases.map { key in
                let help = KeyDocumentation.persona[key]
                let value: Value = switch key {
                case .persona: text(help, pattern: code)
                case .name: text(help)
                case .parameters: .object([("type", .string("array")), ("minItems", .number(1)), ("items", .object([("$ref", .string("#/definitions/parameter"))]))])
                case .minScore: number(help, minimum: 0, maximum: 100)
                }
                return (key.rawValue, value)
            })),
        ])
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            // Where SchemaStore publishes it (editors/schemas/schemastore-catalog.json).
            ("$id", .string("https://json.schemastore.org/icp.json")),
            ("title", .string("ICP file (*.icp.yaml, *.icp.yml, *.icp.json)")),
            ("type", .string("object")),
            ("required", .array([.string("icp"), .string("parameters")])),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
            ("definitions", .object([("parameter", parameter), ("persona", persona)])),
        ])
    }

    /// The schema of `icp.workspace.yaml` (format.md, The workspace file).
    public static var workspaceFile: Value {
        func section(_ keys: [String], required: [String] = [], _ values: (String) -> Value) -> Value {
            .object([
                ("type", .string("object")),
                ("additionalProperties", .bool(false)),
                ("required", .array(required.map { .string($0) })),
                ("properties", .object(keys.map { ($0, values($0)) })),
            ])
        }
        let textList: Value = .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])
        let properties: [(String, Value)] = WorkspaceKey.allCases.map { key in
            let value: Value = switch key {
            case .datasets: section(WorkspaceKey.Datasets.allCases.map(\.rawValue), required: ["accounts"]) { _ in
                .object([("oneOf", .array([
                    text("CSV (or tab-, semicolon- or pipe-separated) with a header row, or JSON Lines; relative to this file."),
                    section(WorkspaceKey.Dataset.allCases.map(\.rawValue), required: ["path"]) { key in
                        switch WorkspaceKey.Dataset(rawValue: key) {
                        case .encoding?: choice(TextEncoding.allCases.map(\.rawValue), "The file's text encoding (default: UTF-8, or as its byte order mark says).")
                        case .delimiter?: text("The field delimiter, one character such as `;`, `|` or `tab` (default: detected).")
                        case .quote?: text("The quote character, `\"`, `'`, or `none` (default: detected).")
                        case .decimal?: choice(DecimalMark.allCases.map(\.rawValue), "The decimal mark of numbers (default: detected from the values).")
                        case .header?: .object([("type", .string("boolean")), ("description", .string("Whether the first line names the columns (default: detected)."))])
                        case .badRows?: choice(BadRows.allCases.map(\.rawValue), "A row whose fields do not fit the header: stop (default), skip or keep.")
                        case .path?, nil: text("The data file, relative to this file.")
                        }
                    },
                ]))])
            }
            case .keys: section(WorkspaceKey.Keys.allCases.map(\.rawValue)) { _ in text(nil) }
            case .outcome: section(WorkspaceKey.Outcome.allCases.map(\.rawValue), required: ["field"]) { $0 == "field" ? text("The accounts column holding the deal stage.") : textList }
            case .asOf: text("Date for within_days and staleness (default: today).", pattern: date)
            case .missingValues: textList
            case .missing: choice(MissingPolicy.allCases.map(\.rawValue), "What a parameter without its own `missing` does with a missing value: fail (default), pass or neutral.")
            case .fields: .object([
                ("type", .string("object")),
                ("additionalProperties", section(WorkspaceKey.Field.allCases.map(\.rawValue), required: ["type"]) { name in
                    switch WorkspaceKey.Field(rawValue: name) {
                    case .type?, nil: choice(ColumnType.allCases.map(\.rawValue), nil)
                    case .separator?: text("List separator in a CSV cell (default: JSON or Python list cells, else ;).")
                    case .format?: text("The order of day and month of a date column, such as DD/MM/YYYY or MM/DD/YYYY.")
                    case .unit?: text("The unit of a number column: a number (1000000) or as a header writes it ($M, millions, EUR, %).")
                    }
                }),
            ])
            case .checks: .object([
                ("type", .string("object")),
                ("additionalProperties", .bool(false)),
                ("properties", .object([
                    ("min_qualified", number("Fewer qualifying records: too-tight.", minimum: 0, integer: true)),
                    ("max_share", number("A larger share of all records: too-broad.", minimum: 0, maximum: 1)),
                    ("stale_after_days", number("Older `reviewed`: stale.", minimum: 0, integer: true)),
                    ("max_missing_share", number("A filter field missing in more records: missing-data.", minimum: 0, maximum: 1)),
                    ("min_kept_share", number("A live ICP keeping a smaller share of the accounts it qualifies (others of higher precedence take the rest): shadowed.", minimum: 0, maximum: 1)),
                    ("enrichment_gain", number("A field whose filling could make this share of the qualified count more accounts qualify: enrichment.", minimum: 0, maximum: 100)),
                ])),
            ])
            }
            return (key.rawValue, value)
        }
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string("https://json.schemastore.org/icp-workspace.json")),
            ("title", .string("icp.workspace.yaml")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
        ])
    }
}
