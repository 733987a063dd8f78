/// Turns the syntax tree of an ICP file into the ``ICP`` model, reporting `schema` diagnostics
/// for everything that does not fit format.md, ICP files.
struct ICPLowering {
    private var reader: SchemaReader

    init(tree: SyntaxTree) {
        reader = SchemaReader(reportsMissingKeys: tree.isComplete)
    }

    static func lower(_ tree: SyntaxTree) -> (icp: ICP?, diagnostics: [Diagnostic]) {
        var lowering = ICPLowering(tree: tree)
        let icp = lowering.lowerDocument(tree)
        return (icp, lowering.reader.diagnostics)
    }

    private mutating func lowerDocument(_ tree: SyntaxTree) -> ICP? {
        guard let root = tree.root else {
            if tree.isComplete {
                reader.report(SourceRange(at: .start), "The file is empty; an ICP needs at least `icp: <code>` and a list of `parameters`.")
            }
            return nil
        }
        guard let mapping = reader.mapping(root, as: "an ICP: a mapping with `icp:`, `parameters:` and other keys") else { return nil }
        let entries = reader.entries(of: mapping, subject: "an ICP", known: ICPKey.allCases.map(\.rawValue))
        var icp = ICP(range: mapping.range)
        reader.require(ICPKey.icp.rawValue, in: entries, "the code stamped on qualifying records, such as `icp: midmarket-saas`")
        reader.require(ICPKey.parameters.rawValue, in: entries, "the list of filter, score and exclude parameters")
        for entry in entries.ordered {
            guard let key = ICPKey(rawValue: entry.key) else { continue }
            switch key {
            case .icp: icp.code = code(entry)
            case .name: icp.name = reader.text(entry)?.value
            case .status: icp.status = reader.choice(entry, of: ICPStatus.self)?.value ?? .draft
            case .description: icp.description = reader.text(entry)?.value
            case .owner: icp.owner = reader.text(entry)?.value
            case .reviewed: icp.reviewed = reader.date(entry)
            case .priority: icp.priority = reader.integer(entry)?.value ?? 100
            case .minScore: icp.minScore = reader.number(entry, bounds: 0...100)?.value ?? 0
            case .tiers: icp.tiers = tiers(entry)
            case .dataset: icp.dataset = reader.text(entry)
            case .parameters:
                icp.parametersKeyRange = entry.keyRange
                icp.parameters = parameters(entry, required: true)
            case .personas: icp.personas = personas(entry)
            }
        }
        return icp
    }

    /// An ICP or persona code: `[a-z0-9][a-z0-9_-]*`.
    private mutating func code(_ entry: KeyedEntry) -> Located<String>? {
        guard let text = reader.text(entry) else { return nil }
        guard Self.isValidCode(text.value) else {
            let suggestion = Self.suggestedCode(for: text.value)
            let example = suggestion.map { " (for example `\($0)`)" } ?? ""
            reader.report(text.range, "`\(text.value)` is not a valid code: use lowercase letters, digits, `-` and `_`, starting with a letter or digit\(example).", replacement: suggestion)
            return nil
        }
        return text
    }

    static func isValidCode(_ code: String) -> Bool {
        ICP.isValidCode(code)
    }

    private static func isCodeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ICP.isCodeCharacter(scalar)
    }

    /// The nearest valid code: lowercased, runs of other characters turned into `-`.
    static func suggestedCode(for text: String) -> String? {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if isCodeCharacter(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, result.last != "-" {
                result += "-"
            }
        }
        while result.last == "-" || result.last == "_" { result.removeLast() }
        while result.first == "-" || result.first == "_" { result.removeFirst() }
        return result.isEmpty ? nil : result
    }

    private mutating func tiers(_ entry: KeyedEntry) -> [Tier] {
        guard let mapping = entry.value.mapping else {
            reader.report(entry.value.range, "`tiers` maps tier names to minimum scores, such as `tiers: {A: 80, B: 50, C: 0}`; found \(entry.value.kindDescription).")
            return []
        }
        var tiers: [Tier] = []
        var seen = Set<String>()
        for pair in mapping.entries {
            guard let name = pair.key.scalar, !name.isNull else {
                reader.report(pair.key.range, "A tier name must be plain text, not \(pair.key.kindDescription).")
                continue
            }
            guard seen.insert(name.text).inserted else {
                reader.report(name.range, "The tier `\(name.text)` is given twice; remove one.")
                continue
            }
            guard !reportsControlCharacter(in: name.text, at: name.range, what: "A tier name") else { continue }
            let tierEntry = KeyedEntry(key: name.text, keyRange: name.range, value: pair.value)
            guard let minimum = reader.number(tierEntry, bounds: 0...100) else { continue }
            tiers.append(Tier(name: Located(name.text, name.range), minimum: minimum.value))
        }
        return tiers
    }

    private mutating func parameters(_ entry: KeyedEntry, required: Bool) -> [Parameter] {
        guard let sequence = entry.value.sequence else {
            reader.report(entry.keyRange.union(entry.value.range), "`\(entry.key)` must be a list of parameters, each starting with `- field:`; found \(entry.value.kindDescription).")
            return []
        }
        if sequence.items.isEmpty, required, reader.reportsMissingKeys {
            reader.report(entry.keyRange.union(sequence.range), "`\(entry.key)` is empty; add at least one parameter (`- field: ...`, `mode: ...` and a condition).")
        }
        return sequence.items.compactMap { item in
            guard let mapping = reader.mapping(item, as: "a parameter: `field:`, `mode:` and one condition") else { return nil }
            return parameter(mapping)
        }
    }

    private mutating func parameter(_ mapping: MappingNode) -> Parameter {
        let entries = reader.entries(of: mapping, subject: "a parameter", known: ParameterKey.allCases.map(\.rawValue))
        var parameter = Parameter(range: mapping.range)
        reader.require(ParameterKey.field.rawValue, in: entries, "the dataset column it tests")
        reader.require(ParameterKey.mode.rawValue, in: entries, "`filter`, `score` or `exclude`")
        var conditions: [KeyedEntry] = []
        for entry in entries.ordered {
            guard let key = ParameterKey(rawValue: entry.key) else { continue }
            switch key {
            case .field: parameter.field = reader.text(entry)
            case .mode: parameter.mode = reader.choice(entry, of: ParameterMode.self)
            case .weight: parameter.weight = reader.number(entry, bounds: 0...Parameter.maximumWeight, positive: true)
            case .label: parameter.label = reader.text(entry)?.value
            case .missing: parameter.missing = reader.choice(entry, of: MissingPolicy.self)
            case .decay: parameter.decay = decay(entry)
            case .is, .in, .allOf, .min, .max, .containsAny, .exists, .withinDays: conditions.append(entry)
            }
        }
        parameter.condition = condition(from: conditions, in: entries)
        if let decay = parameter.decay, let mode = parameter.mode?.value, mode != .score {
            reader.report(decay.range, "`decay` fades a score parameter's points with the age of its date; this is \(mode == .exclude ? "an" : "a") \(mode.rawValue). Make it `mode: score`, or remove `decay`.")
        }
        return parameter
    }

    /// `decay: {half_life_days: N}`: the half-life, positive, at most a century.
    private mutating func decay(_ entry: KeyedEntry) -> Located<Double>? {
        guard let mapping = entry.value.mapping else {
            reader.report(entry.value.range, "`decay` takes a mapping such as `decay: {half_life_days: 30}`; found \(entry.value.kindDescription).")
            return nil
        }
        let entries = reader.entries(of: mapping, subject: "`decay`", known: ParameterKey.Decay.allCases.map(\.rawValue))
        reader.require(ParameterKey.Decay.halfLifeDays.rawValue, in: entries, "the days after which the points are halved, such as `half_life_days: 30`")
        guard let halfLife = entries.ordered.first(where: { $0.key == ParameterKey.Decay.halfLifeDays.rawValue }) else { return nil }
        return reader.number(halfLife, bounds: 0...Parameter.maximumHalfLife, positive: true).map { Located($0.value, entry.keyRange.union(entry.value.range)) }
    }

    /// Exactly one condition (a `min` and a `max` together count as one).
    private mutating func condition(from entries: [KeyedEntry], in parameter: KeyedEntries) -> Located<Condition>? {
        guard let first = entries.first else {
            if reader.reportsMissingKeys {
                let keys = "`is`, `in`, `all_of`, `min`/`max`, `contains_any`, `exists` or `within_days`"
                reader.report(parameter.anchorRange, "This parameter has no condition; add one of \(keys).")
            }
            return nil
        }
        let isRange = { (entry: KeyedEntry) in entry.key == ParameterKey.min.rawValue || entry.key == ParameterKey.max.rawValue }
        let extra = entries.dropFirst().filter { !(isRange(first) && isRange($0)) }
        for entry in extra {
            reader.report(entry.keyRange, "A parameter takes one condition, but this one has `\(first.key)` and `\(entry.key)`; move `\(entry.key)` to a parameter of its own (`min` and `max` together count as one).")
        }
        let range = entries.filter { !extra.map(\.key).contains($0.key) }.map(\.range).reduce(first.range) { $0.union($1) }
        let value = { (scalar: ScalarNode) in ConditionValue(text: scalar.text, range: scalar.range, isQuoted: scalar.style != .plain) }
        let condition: Condition?
        switch ParameterKey(rawValue: first.key) {
        case .is?:
            if first.value.sequence != nil {
                reader.report(first.value.range, "`is` takes one value; to accept any of several, use `in: [...]`.")
                condition = nil
            } else {
                condition = reader.scalar(first, expecting: "a value to compare with").map { .equals(value($0)) }
            }
        case .in?:
            condition = reader.scalarList(first, example: "[Software, Fintech]").map { .oneOf($0.map(value)) }
        case .allOf?:
            condition = reader.scalarList(first, example: "[salesforce, slack]").map { .allOf($0.map(value)) }
        case .containsAny?:
            condition = reader.scalarList(first, example: "[cloud, saas]").map { .containsAny(nonEmptyNeedles($0).map(value)) }
        case .exists?:
            condition = reader.boolean(first).map { .exists($0.value) }
        case .withinDays?:
            condition = reader.integer(first, minimum: 0, maximum: Parameter.maximumWithinDays).map { .withinDays($0.value) }
        case .min?, .max?:
            let minimum = entries.first { $0.key == ParameterKey.min.rawValue }.flatMap { boundValue($0) }.map(value)
            let maximum = entries.first { $0.key == ParameterKey.max.rawValue }.flatMap { boundValue($0) }.map(value)
            condition = minimum == nil && maximum == nil ? nil : .range(min: minimum, max: maximum)
        default:
            condition = nil
        }
        if let condition, condition.values.contains(where: { reportsControlCharacter(in: $0.text, at: $0.range, what: "A value") }) { return nil }
        return condition.map { Located($0, range) }
    }

    /// Reports `text` when it holds a control character (a NUL, a line break, a tab, DEL, the C1
    /// controls): no one types one into a value, and a NUL ends a line for some SQL clients
    /// (`psql -f`), so such a value could change the meaning of `icp sql`'s output.
    private mutating func reportsControlCharacter(in text: String, at range: SourceRange, what: String) -> Bool {
        guard let (index, scalar) = text.unicodeScalars.enumerated().first(where: { $0.element.properties.generalCategory == .control }) else { return false }
        let code = String(scalar.value, radix: 16, uppercase: true)
        reader.report(range, "\(what) holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), character \(index + 1)); values are text as a person types it: remove it.")
        return true
    }

    /// `contains_any` texts: an empty one (after trimming) is contained in every value, so it
    /// would make the condition true for every present value; it is reported and left out.
    private mutating func nonEmptyNeedles(_ scalars: [ScalarNode]) -> [ScalarNode] {
        scalars.filter { scalar in
            guard scalar.text.trimmingWhitespace().isEmpty else { return true }
            reader.report(scalar.range, "An empty text is contained in every value, so it would match every record that has one; remove it, or use `exists: true` for that.")
            return false
        }
    }

    /// A `min`/`max` bound: a number or a date.
    private mutating func boundValue(_ entry: KeyedEntry) -> ScalarNode? {
        guard let scalar = reader.scalar(entry, expecting: "a number or a date (YYYY-MM-DD)") else { return nil }
        if ScalarReading.isOutOfRange(scalar.text) {
            reader.report(scalar.range, "`\(entry.key)` is too large to be a number (`\(scalar.text)`); give a finite value.")
            return nil
        }
        // A number may carry a scale or a currency (`20B`, `$500M`), converted into its column's unit.
        guard ScalarReading.number(scalar.text) != nil || ScalarReading.date(scalar.text) != nil || Amount(scalar.text)?.value(.point) != nil else {
            reader.report(scalar.range, "`\(entry.key)` must be a number or a date (YYYY-MM-DD), not `\(scalar.text)`.")
            return nil
        }
        return scalar
    }

    private mutating func personas(_ entry: KeyedEntry) -> [Persona] {
        guard let sequence = entry.value.sequence else {
            reader.report(entry.keyRange.union(entry.value.range), "`personas` must be a list of personas, each starting with `- persona:`; found \(entry.value.kindDescription).")
            return []
        }
        return sequence.items.compactMap { item in
            guard let mapping = reader.mapping(item, as: "a persona: `persona:`, `parameters:` and optionally `name:` and `min_score:`") else { return nil }
            let entries = reader.entries(of: mapping, subject: "a persona", known: PersonaKey.allCases.map(\.rawValue))
            reader.require(PersonaKey.persona.rawValue, in: entries, "its code, such as `persona: economic-buyer`")
            reader.require(PersonaKey.parameters.rawValue, in: entries, "the contact parameters that define it")
            var persona = Persona(code: nil, name: nil, parameters: [], minScore: 0, range: mapping.range)
            for entry in entries.ordered {
                switch PersonaKey(rawValue: entry.key) {
                case .persona?: persona.code = code(entry)
                case .name?: persona.name = reader.text(entry)?.value
                case .parameters?: persona.parameters = parameters(entry, required: true)
                case .minScore?: persona.minScore = reader.number(entry, bounds: 0...100)?.value ?? 0
                case nil: break
                }
            }
            return persona
        }
    }
}
