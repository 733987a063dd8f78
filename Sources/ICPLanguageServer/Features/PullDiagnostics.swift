import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct DocumentDiagnosticParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var previousResultId: String?
}

struct DocumentDiagnosticReport: Encodable, Sendable {
    /// `full` with `items`, or `unchanged` when the client's `previousResultId` is still right.
    var kind: String
    var resultId: String
    var items: [LSPDiagnostic]?
}

struct WorkspaceDiagnosticParams: Codable, Sendable {
    struct PreviousResultId: Codable, Sendable {
        var uri: String
        var value: String
    }

    var previousResultIds: [PreviousResultId]?
}

/// Pulled diagnostics, for a client that declares `textDocument.diagnostic` and can be told to
/// pull again (`workspace.diagnostics.refreshSupport`); every other client gets them pushed,
/// and no client gets both.
extension LanguageServer {
    /// `textDocument/diagnostic`: what would have been published, once the data the document
    /// needs is read (or the wait for it ran out; a refresh follows when the findings come).
    func documentDiagnostics(_ params: DocumentDiagnosticParams) throws -> DocumentDiagnosticReport {
        let uri = params.textDocument.uri
        let document = try openDocument(uri)
        let items = document.diagnostics.map { lspDiagnostic($0, in: document.source) }
        let resultId = Self.resultId(of: items)
        pulledDiagnostics[uri] = (document.version, resultId, items)
        if params.previousResultId == resultId { return DocumentDiagnosticReport(kind: "unchanged", resultId: resultId, items: nil) }
        return DocumentDiagnosticReport(kind: "full", resultId: resultId, items: items)
    }

    /// `workspace/diagnostic`: the ICP files of the workspaces looked up so far that are not
    /// open, with the checks that need no data (syntax, schema, data-free checks,
    /// `duplicate-code`); a closed file's data checks come when it is opened or in `icp check`.
    /// Worked out off the actor on a snapshot, linear in the number of files.
    func workspaceDiagnostics(_ params: WorkspaceDiagnosticParams) throws -> JSONValue {
        try answeredInBackground(fallback: .object(["items": .array([])])) {
            let checks = session.closedFileChecks(excluding: Set(documents.values.map(\.url)))
            let previous = Dictionary((params.previousResultIds ?? []).map { ($0.uri, $0.value) }, uniquingKeysWith: { _, last in last })
            let encoding = encoding
            return { Self.workspaceReports(checks, previous: previous, encoding: encoding) }
        }
    }

    private static func workspaceReports(_ checks: ClosedFileChecks, previous: [String: String], encoding: PositionEncoding) -> JSONValue {
        var reports: [JSONValue] = []
        for (file, document, diagnostics) in checks.run() {
            let items = diagnostics.map { lspDiagnostic($0, in: document.source, encoding: encoding) }
            let resultId = Self.resultId(of: items)
            var report: [String: JSONValue] = ["uri": .string(file.absoluteString), "version": .null, "resultId": .string(resultId)]
            if previous[file.absoluteString] == resultId {
                report["kind"] = .string("unchanged")
            } else {
                report["kind"] = .string("full")
                report["items"] = (try? JSONValue(encoding: items)) ?? .array([])
            }
            reports.append(.object(report))
        }
        return .object(["items": .array(reports)])
    }

    /// A result id that depends only on the findings (FNV-1a of their JSON), so it survives
    /// a restart of the server and two equal reports share it.
    private static func resultId(of items: [LSPDiagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (try? encoder.encode(items)) ?? Data() {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
