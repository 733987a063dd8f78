import FoundationEssentials
import ICPWorkspace

/// `--format json`: an array of `{file, line, column, end_line, end_column, severity, code, message}` (format.md, Command-line output).
enum JSONFormat {
    static func render(_ reports: [FileReport]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(ReportedDiagnostic.all(in: reports)), as: UTF8.self)
    }
}
