import ICPLanguage
import ICPEngine
/// A derivation written as an ICP file, in YAML (evidence as a comment above each parameter)
/// or JSON (which has no comments: the evidence goes into `description`).
public struct DerivedICPText {
    public let file: ICPFileText

    public init(_ derivation: Derivation, code: String, name: String, header: [String]) {
        var file = ICPFileText(code: code, name: name, header: header + derivation.scoreCutInWords, parameters: derivation.parameters.map(\.written))
        file.minScore = derivation.minScore
        file.tiers = derivation.tiers
        let evidence = derivation.parameters.map { "\($0.field) (\($0.mode.rawValue)): \($0.evidence.summary)." }
        file.jsonDescription = (header + derivation.scoreCutInWords + ["Evidence on past deals:"] + evidence).joined(separator: " ")
        self.file = file
    }

    public var yaml: String { file.yaml }
    public var json: String { file.json }

    /// How the first header line of a derived file starts: what says a file was derived.
    public static let marker = "Proposed by `icp derive`"

    /// What a derived file says of the accounts it was learned from.
    public enum Provenance: Sendable, Equatable {
        /// Learned from every decided account: a backtest on them is in-sample.
        case allAccounts
        /// Learned with this share held out, picked by this seed (`--validate`).
        case heldOut(fraction: Double, seed: UInt64)
    }

    /// Whether `text` is a file `icp derive` wrote, and what it held out, read from its header
    /// (`..., 30% held out (seed 1).`); nil when it was not derived.
    public static func provenance(of text: String) -> Provenance? {
        guard let line = text.split(separator: "\n", maxSplits: 8).first(where: { $0.contains(marker) }) else { return nil }
        guard let held = line.firstRange(of: "% held out (seed "), let end = line[held.upperBound...].firstIndex(of: ")") else { return .allAccounts }
        let percent = String(line[..<held.lowerBound].reversed().prefix { $0.isNumber || $0 == "." }.reversed())
        guard let share = Double(percent), let seed = UInt64(line[held.upperBound..<end]) else { return .allAccounts }
        return .heldOut(fraction: share / 100, seed: seed)
    }
}

extension DerivedParameter {
    /// The parameter as written into a file, its evidence and notes as the comments above it.
    public var written: WrittenParameter {
        WrittenParameter(field: field, mode: mode, condition: condition, weight: weight, comments: [evidence.summary] + notes)
    }
}
