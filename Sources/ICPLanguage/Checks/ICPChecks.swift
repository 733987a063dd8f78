/// The checks of checks.md that need the ICP alone, no dataset.
public enum ICPChecks {
    /// Runs every data-free check. Checks that judge the ICP as a whole (no exclusions, empty
    /// tiers) run only on a complete document: a partial one may have its rest after the error.
    public static func run(on icp: ICP, isComplete: Bool, context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let allParameters = icp.parameters + icp.personas.flatMap(\.parameters)
        diagnostics += allParameters.compactMap(weightIgnored)
        diagnostics += EmptyRangeCheck.run(on: icp.parameters, asOf: context.asOf)
        for persona in icp.personas {
            diagnostics += EmptyRangeCheck.run(on: persona.parameters, asOf: context.asOf)
        }
        diagnostics += duplicatePersonas(icp.personas)
        diagnostics += tooManyScores(icp.parameters, missing: context.missingPolicy)
        for persona in icp.personas { diagnostics += tooManyScores(persona.parameters, missing: context.missingPolicy) }
        if let stale = stale(icp, context: context) { diagnostics.append(stale) }
        if isComplete {
            if let noExclusions = noExclusions(icp) { diagnostics.append(noExclusions) }
            diagnostics += EmptyTierCheck.run(on: icp, missing: context.missingPolicy)
        }
        return diagnostics
    }

    static func weightIgnored(_ parameter: Parameter) -> Diagnostic? {
        guard let weight = parameter.weight, let mode = parameter.mode, mode.value != .score else { return nil }
        return Diagnostic(.weightIgnored, weight.range, "`weight` has no effect on \(mode.value == .exclude ? "an" : "a") \(mode.value.rawValue); remove it, or make this parameter `mode: score`.", replacement: "")
    }

    static func noExclusions(_ icp: ICP) -> Diagnostic? {
        guard let range = icp.parametersKeyRange, !icp.parameters.isEmpty,
              !icp.parameters.contains(where: { $0.mode?.value == .exclude }) else { return nil }
        return Diagnostic(.noExclusions, range, "This ICP has no exclude parameter; consider excluding what you never want (current customers, competitors, a region you do not serve).")
    }

    static func stale(_ icp: ICP, context: CheckContext) -> Diagnostic? {
        guard let reviewed = icp.reviewed else { return nil }
        let age = context.asOf.daysSinceEpoch - reviewed.value.daysSinceEpoch
        guard age > context.thresholds.staleAfterDays else { return nil }
        return Diagnostic(.stale, reviewed.range, "Last reviewed \(age) days ago (\(reviewed.value)), more than \(context.thresholds.staleAfterDays); review this ICP and update `reviewed`.")
    }

    /// The engine groups records by the subset of score parameters they match (and, for the
    /// `missing: neutral` ones, lack), a 64-bit set.
    static let maximumScoreParameters = 64

    static func tooManyScores(_ parameters: [Parameter], missing: MissingPolicy) -> [Diagnostic] {
        let scores = parameters.filter { $0.mode?.value == .score }
        // Each neutral score parameter takes a second bit.
        var bits = 0
        for score in scores {
            bits += score.missingPolicy(default: missing) == .neutral ? 2 : 1
            guard bits > maximumScoreParameters, let mode = score.mode else { continue }
            let neutral = scores.contains { $0.missingPolicy(default: missing) == .neutral }
            let detail = neutral ? " (a `missing: neutral` one counts twice)" : ""
            return [Diagnostic(.schema, mode.range, "An ICP or persona takes at most \(maximumScoreParameters) score parameters\(detail); this one goes past that. Merge some with `in: [...]`.")]
        }
        return []
    }

    static func duplicatePersonas(_ personas: [Persona]) -> [Diagnostic] {
        var first: [String: SourceRange] = [:]
        var diagnostics: [Diagnostic] = []
        for persona in personas {
            guard let code = persona.code else { continue }
            if let earlier = first[code.value] {
                diagnostics.append(Diagnostic(.duplicateCode, code.range, "The persona code `\(code.value)` is already used by the persona on line \(earlier.start.line + 1); persona codes must be unique within an ICP."))
            } else {
                first[code.value] = code.range
            }
        }
        return diagnostics
    }
}
