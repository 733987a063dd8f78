import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace
import ICPFeatures
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `workspace/executeCommand` `icp.explain` and `icp.accounts`: why one account does or does not
/// qualify, and the accounts an ICP qualifies, nearly qualifies or misses among won deals, each
/// as a markdown document. The result holds the markdown; a client that opens documents
/// (`window/showDocument`) is also shown it, from a file in the temporary folder.
extension LanguageServer {
    static let explainCommand = "icp.explain"
    static let accountsCommand = LensFeature.accountsCommand

    /// Arguments: an open ICP document's URI and an account's key or name.
    func explainAccount(_ arguments: [JSONValue]) throws -> JSONValue {
        guard arguments.count >= 2, let uri = arguments[0].stringValue, let record = arguments[1].stringValue.map({ String($0.trimmingWhitespace()) }),
              !record.isEmpty, record.utf8.count <= 1_000 else {
            throw ResponseError(.invalidParams, "`\(Self.explainCommand)` takes an open ICP document's URI and an account's key or name")
        }
        return try show(AccountDocuments.explanation(of: record, in: try evaluation(of: uri)))
    }

    /// Arguments: an open ICP document's URI, then optionally the kind (`qualified`, `misses`,
    /// `won-outside`) and how many accounts to list (default 100).
    func listAccounts(_ arguments: [JSONValue]) throws -> JSONValue {
        let kinds = AccountList.Kind.allCases.map(\.rawValue).map { "`\($0)`" }.joined(separator: ", ")
        guard let uri = arguments.first?.stringValue,
              let kind = arguments.count > 1 ? arguments[1].stringValue.flatMap(AccountList.Kind.init(rawValue:)) : .qualified else {
            throw ResponseError(.invalidParams, "`\(Self.accountsCommand)` takes an open ICP document's URI, then optionally one of \(kinds) and a number of accounts")
        }
        let listed = AccountDocuments.listedAccounts
        let limit = min(max(arguments.count > 2 ? arguments[2].intValue ?? listed : listed, 1), 10_000)
        return try show(AccountDocuments.list(kind, limit: limit, in: try evaluation(of: uri)))
    }

    /// The current evaluation of an open ICP document, waiting for its data if it is being read.
    private func evaluation(of uri: String) throws -> Evaluated {
        let document = try document(uri)
        guard document.kind == .icp else { throw ResponseError(.invalidParams, "\(document.url.lastPathComponent) is not an ICP file") }
        try waitForData(of: document)
        guard let evaluated = document.current else {
            let reason = loadingNote(for: document) ?? document.diagnostics.first { $0.severity == .error }?.message ?? "the document has no evaluation yet"
            throw ResponseError(.requestFailed, "no accounts yet: \(reason)")
        }
        return evaluated
    }

    /// The result of a document command; a client that opens documents is shown the markdown too,
    /// written (off the actor) to `icp-<name>.md` in the temporary folder.
    private func show(_ answer: Result<FeatureDocument, FeatureFailure>) throws -> JSONValue {
        let document: FeatureDocument
        switch answer {
        case .success(let made): document = made
        case .failure(let failure): throw ResponseError(.requestFailed, failure.description)
        }
        let (title, markdown) = (document.title, document.markdown)
        guard client.showDocument else { return .object(["title": .string(title), "markdown": .string(markdown), "uri": .null]) }
        let safe = String(document.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(120))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("icp-documents-\(getuid())").appendingPathComponent("\(safe).md")
        Task.detached { [weak self] in
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try Data(markdown.utf8).write(to: url, options: .atomic)
                await self?.sendRequest("window/showDocument", .object(["uri": .string(url.absoluteString), "takeFocus": .bool(true)]))
            } catch {
                await self?.log(.warning, "could not write \(url.path) to show it: \(error)")
            }
        }
        return .object(["title": .string(title), "markdown": .string(markdown), "uri": .string(url.absoluteString)])
    }
}
