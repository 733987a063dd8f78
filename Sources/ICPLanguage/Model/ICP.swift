/// Whether an ICP assigns its code to records (format.md, ICP files).
public enum ICPStatus: String, Sendable, CaseIterable {
    case draft, live, paused
}

/// A named score threshold: a qualifying record is in the tier with the highest minimum at or below its score.
public struct Tier: Sendable, Hashable {
    public var name: Located<String>
    public var minimum: Double

    public init(name: Located<String>, minimum: Double) {
        self.name = name
        self.minimum = minimum
    }
}

/// A kind of person worth reaching inside a qualifying account (format.md, Personas).
public struct Persona: Sendable {
    public var code: Located<String>?
    public var name: String?
    public var parameters: [Parameter]
    public var minScore: Double
    public var range: SourceRange

    public init(code: Located<String>?, name: String?, parameters: [Parameter], minScore: Double, range: SourceRange) {
        self.code = code
        self.name = name
        self.parameters = parameters
        self.minScore = minScore
        self.range = range
    }
}

/// An Ideal Customer Profile as lowered from one file (format.md, ICP files), with the ranges checks need.
/// The format's defaults apply where the file is silent.
public struct ICP: Sendable {
    /// The ICP code; nil when missing or malformed.
    public var code: Located<String>?
    public var name: String?
    public var status: ICPStatus = .draft
    public var description: String?
    public var owner: String?
    public var reviewed: Located<CalendarDate>?
    public var priority: Int = 100
    public var minScore: Double = 0
    public var tiers: [Tier] = []
    /// The `dataset` path as written (relative to the file).
    public var dataset: Located<String>?
    public var parameters: [Parameter] = []
    public var personas: [Persona] = []
    /// The `parameters` key, where ICP-wide findings (no exclusions) are shown.
    public var parametersKeyRange: SourceRange?
    /// The whole document.
    public var range: SourceRange

    public init(range: SourceRange) {
        self.range = range
    }

    /// The display name: `name`, or else the code.
    public var displayName: String { name ?? code?.value ?? "" }
}

extension ICP {
    /// Whether `code` is a valid ICP or persona code: `[a-z0-9][a-z0-9_-]*`.
    public static func isValidCode(_ code: String) -> Bool {
        let scalars = code.unicodeScalars
        guard let first = scalars.first, isCodeCharacter(first), first != "-", first != "_" else { return false }
        return scalars.allSatisfy(isCodeCharacter)
    }

    static func isCodeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }
}
