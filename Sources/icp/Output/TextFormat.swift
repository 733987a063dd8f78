import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

/// Compiler-style lines: `file:line:column: severity: message [code]`.
enum TextFormat {
    static func render(_ reports: [FileReport]) -> String {
        ReportedDiagnostic.all(in: reports)
            .map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.code.rawValue)]" }
            .joined(separator: "\n")
    }

    /// "2 errors, 1 warning, 3 information" (or "no problems"); `otherErrors` are errors that
    /// are not about a file's content (a path that does not exist, a file that cannot be read).
    static func summary(_ reports: [FileReport], otherErrors: Int = 0) -> String {
        let all = reports.flatMap(\.diagnostics)
        guard !all.isEmpty || otherErrors > 0 else { return "no problems" }
        return Severity.allCases.compactMap { severity in
            let count = all.filter { $0.severity == severity }.count + (severity == .error ? otherErrors : 0)
            guard count > 0 else { return nil }
            let noun = severity == .information ? "information" : severity.rawValue + (count == 1 ? "" : "s")
            return "\(count) \(noun)"
        }.joined(separator: ", ")
    }
}
