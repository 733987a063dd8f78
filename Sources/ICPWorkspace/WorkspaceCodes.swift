import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// How a builder names a new ICP (``WorkspaceSession/freeCode(base:near:accepts:)`` gives it
/// the codes in use).
public enum WorkspaceCodes {
    /// `base`, else `base-2`, `base-3`... the first code not in `taken` for which `accepts` holds
    /// (a file name free on disk, say): what a builder names a new ICP.
    public static func free(base: String, taken: Set<String>, accepts: (String) -> Bool = { _ in true }) -> String {
        for number in 1...100_000 {
            let code = number == 1 ? base : "\(base)-\(number)"
            if !taken.contains(code), accepts(code) { return code }
        }
        return "\(base)-\(UInt32.random(in: 100_001...UInt32.max))"
    }
}
