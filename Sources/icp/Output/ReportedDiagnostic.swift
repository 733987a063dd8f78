import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

/// A diagnostic as the CLI shows it: 1-based lines and columns counted in characters
/// (Unicode scalars); the end column is the column just after the last character.
struct ReportedDiagnostic: Encodable {
    var file: String
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    var severity: Severity
    var code: DiagnosticCode
    var message: String

    enum CodingKeys: String, CodingKey {
        case file, line, column, severity, code, message
        case endLine = "end_line"
        case endColumn = "end_column"
    }

    init(_ diagnostic: Diagnostic, in report: FileReport) {
        file = report.path
        line = diagnostic.range.start.line + 1
        column = report.source.column(of: diagnostic.range.start, in: .unicodeScalars) + 1
        endLine = diagnostic.range.end.line + 1
        endColumn = report.source.column(of: diagnostic.range.end, in: .unicodeScalars) + 1
        severity = diagnostic.severity
        code = diagnostic.code
        message = diagnostic.message
    }

    static func all(in reports: [FileReport]) -> [ReportedDiagnostic] {
        reports.flatMap { report in report.diagnostics.map { ReportedDiagnostic($0, in: report) } }
    }
}
