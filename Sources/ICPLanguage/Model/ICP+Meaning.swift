extension ICP {
    /// What decides who qualifies and how they score, written canonically: a comment, a
    /// reformatting, the order of a list's values or a number written `50.0` change nothing.
    public var meaning: String {
        func value(_ value: ConditionValue) -> String {
            ScalarReading.number(value.text).map { "#\($0)" } ?? TextNormalization.normalize(value.text)
        }
        // Values are joined with separators no value can hold (control characters are schema
        // errors in an ICP): building the text stays cheap when thousands of ICPs are compared.
        func list(_ values: [ConditionValue]) -> String {
            values.map(value).sorted().joined(separator: "\u{1F}")
        }
        func condition(_ condition: Condition?) -> String {
            switch condition {
            case .equals(let v)?: "is \(value(v))"
            case .oneOf(let values)?: "in " + list(values)
            case .allOf(let values)?: "all " + list(values)
            case .containsAny(let values)?: "contains " + list(values)
            case .range(let min, let max)?: "range \(min.map(value) ?? "-") \(max.map(value) ?? "-")"
            case .exists(let present)?: "exists \(present)"
            case .withinDays(let days)?: "within \(days)"
            case nil: "none"
            }
        }
        func written(_ list: [Parameter]) -> [String] {
            list.map { parameter in
                let scoring = parameter.mode?.value == .score ? CountFormat.plain(parameter.effectiveWeight) + (parameter.decay.map { " decay \(CountFormat.plain($0.value))" } ?? "") : ""
                return "\(parameter.field?.value ?? "")|\(parameter.mode?.value.rawValue ?? "")|\(condition(parameter.condition?.value))|\(scoring)|\(parameter.missing?.value.rawValue ?? "")"
            }
        }
        let tiers = self.tiers.map { "\($0.name.value)=\(CountFormat.plain($0.minimum))" }.joined(separator: "\u{1F}")
        let personas = self.personas.map { "\($0.code?.value ?? ""):\(written($0.parameters).joined(separator: "\u{1E}")):\(CountFormat.plain($0.minScore))" }.joined(separator: "\u{1D}")
        return ["status \(status.rawValue)", "priority \(priority)", "min \(CountFormat.plain(minScore))", "tiers \(tiers)",
                "dataset \(dataset?.value ?? "")", "parameters " + written(parameters).joined(separator: "\u{1E}"), "personas \(personas)"].joined(separator: "\n")
    }

    /// What describes the ICP without changing who qualifies: name, description, owner, review date, labels.
    public var metadata: String {
        [code?.value ?? "", displayName, description ?? "", owner ?? "", reviewed.map { $0.value.description } ?? "",
         parameters.map { $0.label ?? "" }.joined(separator: "|")].joined(separator: "\n")
    }
}
