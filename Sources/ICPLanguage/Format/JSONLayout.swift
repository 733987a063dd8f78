/// Writes a JSON syntax tree in the canonical layout: two-space indentation, keys in the same
/// order as YAML, short lists of scalars (and `tiers`) on one line, strings with JSON escapes,
/// numbers as written.
enum JSONLayout {
    /// `node` at `indent`, its first line starting at `column` (where the text before it ends),
    /// lines ended with `lineBreak` (the file's own).
    static func text(_ node: SyntaxNode, place: FormatPlace, indent: Int, column: Int, lineBreak: String = "\n") -> String {
        let inner = String(repeating: " ", count: indent + 2)
        let closing = String(repeating: " ", count: indent)
        switch node {
        case .scalar(let scalar):
            return ScalarSpelling.json(scalar)
        case .sequence(let list):
            if list.items.isEmpty { return "[]" }
            if list.items.allSatisfy({ $0.scalar != nil }) {
                let inline = "[" + list.items.compactMap { $0.scalar.map(ScalarSpelling.json) }.joined(separator: ", ") + "]"
                if column + inline.count <= ScalarSpelling.width { return inline }
            }
            let items = list.items.map { inner + text($0, place: place, indent: indent + 2, column: indent + 2, lineBreak: lineBreak) }
            return "[" + lineBreak + items.joined(separator: "," + lineBreak) + lineBreak + closing + "]"
        case .mapping(let mapping):
            if mapping.entries.isEmpty { return "{}" }
            let entries = place.ordered(mapping.entries)
            let pairs = entries.compactMap { entry -> String? in
                guard let key = entry.key.scalar, let value = entry.value.scalar else { return nil }
                return key.text.jsonQuoted + ": " + ScalarSpelling.json(value)
            }
            if place.prefersFlowMapping, pairs.count == entries.count {
                let inline = "{" + pairs.joined(separator: ", ") + "}"
                if column + inline.count <= ScalarSpelling.width { return inline }
            }
            let members = entries.map { entry in
                let key = (entry.key.scalar?.text ?? "").jsonQuoted + ": "
                let place = place.child(entry.key.scalar?.text ?? "")
                return inner + key + text(entry.value, place: place, indent: indent + 2, column: indent + 2 + key.count, lineBreak: lineBreak)
            }
            return "{" + lineBreak + members.joined(separator: "," + lineBreak) + lineBreak + closing + "}"
        }
    }
}
