import Foundation
import ICPCore
import ICPWorkspace

/// `workspace/executeCommand` `icp.explain` and `icp.accounts`: why one account does or does not
/// qualify, and the accounts an ICP qualifies, nearly qualifies or misses among won deals, each
/// as a markdown document. The result holds the markdown; a client that opens documents
/// (`window/showDocument`) is also shown it, from a file in the temporary folder.
extension LanguageServer {
    static let explainCommand = "icp.explain"
    static let accountsCommand = "icp.accounts"
    /// Accounts an `icp.accounts` document lists unless asked for another number.
    static let listedAccounts = 100

    /// Arguments: an open ICP document's URI and an account's key or name.
    func explainAccount(_ arguments: [JSONValue]) throws -> JSONValue {
        guard arguments.count >= 2, let uri = arguments[0].stringValue, let record = arguments[1].stringValue.map({ String($0.trimmingWhitespace()) }),
              !record.isEmpty, record.utf8.count <= 1_000 else {
            throw ResponseError(.invalidParams, "`\(Self.explainCommand)` takes an open ICP document's URI and an account's key or name")
        }
        let evaluated = try evaluation(of: uri)
        let engine = evaluated.data.engine
        let row: Int
        switch engine.findAccount(record) {
        case .key(let found), .name(let found, _): row = found
        case .ambiguous(let rows, let column):
            throw ResponseError(.requestFailed, engine.accountsAmbiguous(record, rows: rows, column: column))
        case .notFound(let nearest):
            throw ResponseError(.requestFailed, engine.accountNotFound(record, nearest: nearest, datasetName: evaluated.data.datasetName))
        }
        let explanation = RecordExplanation(icp: evaluated.icp, evaluation: evaluated.evaluation, accounts: engine.accounts, row: row, asOf: engine.settings.asOf)
        let key = engine.accountName(row)
        let code = evaluated.icp.code?.value ?? "icp"
        return show("\(key) · \(code)", explanation.markdown(record: key, icp: evaluated.icp), file: "explain-\(code)")
    }

    /// Arguments: an open ICP document's URI, then optionally the kind (`qualified`, `misses`,
    /// `won-outside`) and how many accounts to list (default 100).
    func listAccounts(_ arguments: [JSONValue]) throws -> JSONValue {
        let kinds = AccountList.Kind.allCases.map(\.rawValue).map { "`\($0)`" }.joined(separator: ", ")
        guard let uri = arguments.first?.stringValue,
              let kind = arguments.count > 1 ? arguments[1].stringValue.flatMap(AccountList.Kind.init(rawValue:)) : .qualified else {
            throw ResponseError(.invalidParams, "`\(Self.accountsCommand)` takes an open ICP document's URI, then optionally one of \(kinds) and a number of accounts")
        }
        let limit = min(max(arguments.count > 2 ? arguments[2].intValue ?? Self.listedAccounts : Self.listedAccounts, 1), 10_000)
        let evaluated = try evaluation(of: uri)
        let engine = evaluated.data.engine
        if kind == .wonOutside, engine.settings.outcome == nil {
            throw ResponseError(.requestFailed, "the workspace names no outcome column (outcome.field in icp.workspace.yaml), so there are no won accounts to look for")
        }
        let ranked = AccountList.rows(kind, icp: evaluated.icp, evaluation: evaluated.evaluation, engine: engine)
        let code = evaluated.icp.code?.value ?? "icp"
        let what = switch kind {
        case .qualified: "qualify for \(code)"
        case .misses: "miss \(code) by one filter, exclude or min_score"
        case .wonOutside: "were won and do not qualify for \(code)"
        }
        let total = CountFormat.grouped(evaluated.evaluation.total)
        func cell(_ text: String?) -> String { (text ?? "").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        let keyName = engine.settings.accountIDField
        let names = engine.nameColumn
        var lines = ["# \(CountFormat.grouped(ranked.count)) of \(total) accounts \(what)", "",
                     "On \(evaluated.data.datasetName); highest score first. `icp list` on the command line lists them all.", "",
                     "| \(keyName) |\(names.map { " \($0.name) |" } ?? "") score | tier | why |", "|---|\(names == nil ? "" : "---|")---|---|---|"]
        for account in ranked.prefix(limit).map({ AccountList.describe($0, icp: evaluated.icp, evaluation: evaluated.evaluation, engine: engine) }) {
            let name = names.map { " \(cell($0.text(atRow: account.row))) |" } ?? ""
            lines.append("| `\(cell(engine.accountKey(account.row)))` |\(name) \(CountFormat.decimal(account.score, digits: 1)) | \(account.tier ?? "") | \(cell(account.reason)) |")
        }
        if ranked.count > limit { lines += ["", "+\(CountFormat.grouped(ranked.count - limit)) more"] }
        return show("\(code) · \(kind.rawValue)", lines.joined(separator: "\n") + "\n", file: "accounts-\(code)-\(kind.rawValue)")
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
    private func show(_ title: String, _ markdown: String, file name: String) -> JSONValue {
        guard client.showDocument else { return .object(["title": .string(title), "markdown": .string(markdown), "uri": .null]) }
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(120))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("icp-documents-\(getuid())").appendingPathComponent("\(safe).md")
        Task.detached { [weak self] in
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try Data(markdown.utf8).write(to: url, options: .atomic)
                await self?.sendRequest("window/showDocument", .object(["uri": .string(url.absoluteString), "takeFocus": .bool(true)]))
            } catch {
                await self?.log(.warning, "could not write \(url.path) to show it: \(error.localizedDescription)")
            }
        }
        return .object(["title": .string(title), "markdown": .string(markdown), "uri": .string(url.absoluteString)])
    }
}
