/// A derivation written as an ICP file, in YAML (evidence as a comment above each parameter)
/// or JSON (which has no comments: the evidence goes into `description`).
public struct DerivedICPText {
    public let file: ICPFileText

    public init(_ derivation: Derivation, code: String, name: String, header: [String]) {
        var file = ICPFileText(code: code, name: name, header: header, parameters: derivation.parameters.map(\.written))
        file.minScore = derivation.minScore
        file.tiers = derivation.tiers
        let evidence = derivation.parameters.map { "\($0.field) (\($0.mode.rawValue)): \($0.evidence.summary)." }
        file.jsonDescription = (header + ["Evidence on past deals:"] + evidence).joined(separator: " ")
        self.file = file
    }

    public var yaml: String { file.yaml }
    public var json: String { file.json }
}

extension DerivedParameter {
    /// The parameter as written into a file, its evidence as the comment above it.
    public var written: WrittenParameter {
        WrittenParameter(field: field, mode: mode, condition: condition, weight: weight, comments: [evidence.summary])
    }
}
