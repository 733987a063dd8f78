/// One `key: value` pair whose key is text.
struct KeyedEntry {
    var key: String
    var keyRange: SourceRange
    var value: SyntaxNode

    /// From the start of the key to the end of the value.
    var range: SourceRange { keyRange.union(value.range) }
}

/// The pairs of one mapping, known keys only, first occurrence of each.
struct KeyedEntries {
    /// What the mapping is, for messages: "an ICP", "a parameter".
    var subject: String
    var mapping: MappingNode
    var ordered: [KeyedEntry] = []

    subscript(key: String) -> KeyedEntry? {
        ordered.first { $0.key == key }
    }

    /// Where a "missing key" finding is shown: the first key of the mapping, or the mapping itself.
    var anchorRange: SourceRange {
        ordered.first?.keyRange ?? mapping.entries.first?.key.range ?? mapping.range
    }
}

/// Reads syntax nodes as the schema expects them, collecting a `schema` diagnostic for every
/// mismatch instead of stopping. Scalars are read by what the key expects, never by YAML's
/// guessing: `name: 123` is the text "123", `priority: "5"` the number 5.
struct SchemaReader {
    var diagnostics: [Diagnostic] = []
    /// False while the document is cut short by a syntax error: a key missing from a partial
    /// tree may just stand after the error, so it is not reported.
    var reportsMissingKeys: Bool

    init(reportsMissingKeys: Bool) {
        self.reportsMissingKeys = reportsMissingKeys
    }

    mutating func report(_ range: SourceRange, _ message: String, replacement: String? = nil) {
        diagnostics.append(Diagnostic(.schema, range, message, replacement: replacement))
    }

    /// The node as a mapping, or a diagnostic saying what it should be.
    mutating func mapping(_ node: SyntaxNode, as description: String) -> MappingNode? {
        if let mapping = node.mapping { return mapping }
        report(node.range, "Expected \(description) here (`key: value` lines), not \(node.kindDescription).")
        return nil
    }

    /// Reads a mapping's pairs: keys must be text, unique, and among `known`.
    mutating func entries(of mapping: MappingNode, subject: String, known: [String]) -> KeyedEntries {
        var entries = KeyedEntries(subject: subject, mapping: mapping)
        var seen: [String: SourceRange] = [:]
        for entry in mapping.entries {
            guard let key = entry.key.scalar, !key.isNull else {
                report(entry.key.range, "A key of \(subject) must be plain text, not \(entry.key.kindDescription).")
                continue
            }
            if let first = seen[key.text] {
                report(key.range, "`\(key.text)` is given twice in \(subject); the first is on line \(first.start.line + 1). Remove one.")
                continue
            }
            seen[key.text] = key.range
            guard known.contains(key.text) else {
                if let suggestion = ClosestMatch.to(key.text, in: known) {
                    report(key.range, "`\(key.text)` is not a key of \(subject); did you mean `\(suggestion)`?", replacement: suggestion)
                } else {
                    report(key.range, "`\(key.text)` is not a key of \(subject); the keys are \(Self.list(known)).")
                }
                continue
            }
            entries.ordered.append(KeyedEntry(key: key.text, keyRange: key.range, value: entry.value))
        }
        return entries
    }

    /// Reports a required key that is absent.
    mutating func require(_ key: String, in entries: KeyedEntries, _ why: String) {
        guard reportsMissingKeys, entries[key] == nil else { return }
        report(entries.anchorRange, "\(entries.subject.prefix(1).uppercased())\(entries.subject.dropFirst()) needs `\(key)`: \(why).")
    }

    /// A non-null scalar, or a diagnostic.
    mutating func scalar(_ entry: KeyedEntry, expecting description: String) -> ScalarNode? {
        guard let scalar = entry.value.scalar else {
            report(entry.value.range, "`\(entry.key)` must be \(description), not \(entry.value.kindDescription).")
            return nil
        }
        if scalar.isNull {
            report(entry.keyRange.union(scalar.range), "`\(entry.key)` has no value; give it \(description).")
            return nil
        }
        return scalar
    }

    mutating func text(_ entry: KeyedEntry) -> Located<String>? {
        guard let scalar = scalar(entry, expecting: "text") else { return nil }
        return Located(scalar.text, scalar.range)
    }

    /// A scalar read by `parse`; `description` says what was expected ("a whole number").
    private mutating func parsed<Value>(_ entry: KeyedEntry, as description: String, _ parse: (String) -> Value?) -> Located<Value>? {
        guard let scalar = scalar(entry, expecting: description) else { return nil }
        guard let value = parse(scalar.text) else {
            if ScalarReading.isOutOfRange(scalar.text) {
                report(scalar.range, "`\(entry.key)` is too large to be a number (`\(scalar.text)`); give a finite value.")
            } else {
                report(scalar.range, "`\(entry.key)` must be \(description), not `\(scalar.text)`.")
            }
            return nil
        }
        return Located(value, scalar.range)
    }

    mutating func integer(_ entry: KeyedEntry, minimum: Int? = nil, maximum: Int? = nil) -> Located<Int>? {
        guard let value = parsed(entry, as: "a whole number", ScalarReading.integer) else { return nil }
        if let minimum, value.value < minimum {
            report(value.range, "`\(entry.key)` must be \(minimum) or more, not \(value.value).")
            return nil
        }
        if let maximum, value.value > maximum {
            report(value.range, "`\(entry.key)` must be at most \(CountFormat.grouped(maximum)), not \(CountFormat.grouped(value.value)).")
            return nil
        }
        return value
    }

    /// A number within `bounds` (inclusive); `positive` excludes zero and below.
    mutating func number(_ entry: KeyedEntry, bounds: ClosedRange<Double>? = nil, positive: Bool = false) -> Located<Double>? {
        guard let value = parsed(entry, as: "a number", ScalarReading.number) else { return nil }
        if positive, value.value <= 0 {
            report(value.range, "`\(entry.key)` must be a positive number, not \(CountFormat.plain(value.value)).")
            return nil
        }
        if let bounds, !bounds.contains(value.value) {
            report(value.range, "`\(entry.key)` must be between \(CountFormat.plain(bounds.lowerBound)) and \(CountFormat.plain(bounds.upperBound)), not \(CountFormat.plain(value.value)).")
            return nil
        }
        return value
    }

    mutating func date(_ entry: KeyedEntry) -> Located<CalendarDate>? {
        parsed(entry, as: "a date (YYYY-MM-DD)", ScalarReading.date)
    }

    mutating func boolean(_ entry: KeyedEntry) -> Located<Bool>? {
        parsed(entry, as: "true or false", ScalarReading.boolean)
    }

    /// One of an enumeration's raw values, matched exactly (a near miss gets a did-you-mean).
    mutating func choice<Choice: RawRepresentable & CaseIterable & Sendable>(_ entry: KeyedEntry, of type: Choice.Type) -> Located<Choice>? where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        guard let scalar = scalar(entry, expecting: "one of \(Self.list(names))") else { return nil }
        if let value = Choice(rawValue: scalar.text) { return Located(value, scalar.range) }
        let suggestion = ClosestMatch.to(scalar.text, in: names)
        let hint = suggestion.map { "; did you mean `\($0)`?" } ?? "."
        report(scalar.range, "`\(entry.key)` must be one of \(Self.list(names)), not `\(scalar.text)`\(hint)", replacement: suggestion)
        return nil
    }

    /// A list of non-null scalars; `allowsEmpty` false reports `[]`.
    mutating func scalarList(_ entry: KeyedEntry, allowsEmpty: Bool = false, example: String) -> [ScalarNode]? {
        guard let sequence = entry.value.sequence else {
            if let scalar = entry.value.scalar, !scalar.isNull {
                report(scalar.range, "`\(entry.key)` takes a list; write `\(entry.key): [\(scalar.text)]`.", replacement: "[\(scalar.text)]")
            } else {
                report(entry.keyRange.union(entry.value.range), "`\(entry.key)` takes a list, such as `\(entry.key): \(example)`.")
            }
            return nil
        }
        if sequence.items.isEmpty, !allowsEmpty {
            report(sequence.range, "`\(entry.key)` is an empty list; give at least one value, such as `\(entry.key): \(example)`.")
            return nil
        }
        var scalars: [ScalarNode] = []
        for item in sequence.items {
            guard let scalar = item.scalar, !scalar.isNull else {
                report(item.range, "An item of `\(entry.key)` must be a single value, not \(item.kindDescription).")
                continue
            }
            scalars.append(scalar)
        }
        return scalars
    }

    static func list(_ names: [String]) -> String {
        names.map { "`\($0)`" }.joined(separator: ", ")
    }
}
