import Foundation
import ICPCore
import ICPWorkspace

/// `workspace/executeCommand` `icp.draft` and `icp.refine`: a sentence to a new ICP file (or
/// into an empty document), and an instruction to an edit of an open document. The edit is
/// sent with `workspace/applyEdit` when the client applies edits, and is in the result too.
extension LanguageServer {
    static let draftCommand = "icp.draft"
    static let refineCommand = "icp.refine"
    static var commands: [String] { [previewCommand, draftCommand, refineCommand, explainCommand, accountsCommand] }

    /// Arguments: the sentence, then optionally the URI of an open ICP document: the draft goes
    /// into it when it is empty, else into a new file beside it (`draft.icp.yaml`, `draft-2...`).
    func draft(_ arguments: [JSONValue]) throws -> JSONValue {
        guard let sentence = arguments.first?.stringValue, !sentence.trimmingWhitespace().isEmpty, sentence.utf8.count <= ICPDraft.maximumSentenceBytes else {
            throw ResponseError(.invalidParams, "`\(Self.draftCommand)` takes a sentence (up to \(CountFormat.grouped(ICPDraft.maximumSentenceBytes)) bytes), then optionally an open document's URI")
        }
        let reference = try arguments.dropFirst().first?.stringValue.map(document) ?? documents.values.sorted { $0.uri < $1.uri }.first { $0.kind == .icp }
        guard let reference else {
            throw ResponseError(.invalidParams, "open an ICP file of the workspace first (or pass its URI): the draft maps words onto that workspace's data")
        }
        let data = try commandData(for: reference)
        let draft = data.engine.draft(sentence)
        guard !draft.parameters.isEmpty else {
            throw ResponseError(.requestFailed, "no words of the sentence map onto a column or value of \(data.datasetName): \(draft.unmapped.map(\.described).joined(separator: "; "))")
        }
        guard draft.conflicts.isEmpty else {
            throw ResponseError(.requestFailed, "the sentence contradicts itself: \(draft.conflicts.joined(separator: "; "))")
        }
        let intoReference = reference.text.trimmingWhitespace().isEmpty
        let (code, target) = draftCode(beside: reference.url, intoReference: intoReference)
        let format = SourceFormat(fileName: target.lastPathComponent)
        let file = draft.file(code: code, name: draft.suggestedName)
        let text = format == .json ? file.json : file.yaml
        // The draft is checked as the file it will be, as `icp draft` checks it before writing.
        let errors = session.checkedNewFile(text, format: format, at: target).errors
        if let first = errors.first {
            throw ResponseError(.requestFailed, "the draft does not pass its own checks (\(first.message)); this is a bug in icp draft, please report it")
        }
        let uri = intoReference ? reference.uri : target.absoluteString
        let insert = TextEdit(range: LSPRange(start: LSPPosition(line: 0, character: 0), end: LSPPosition(line: 0, character: 0)), newText: text)
        var edit: JSONValue = .object(["changes": .object([uri: try JSONValue(encoding: [insert])])])
        if !intoReference {
            edit = .object(["documentChanges": .array([
                .object(["kind": .string("create"), "uri": .string(uri), "options": .object(["overwrite": .bool(false), "ignoreIfExists": .bool(true)])]),
                .object(["textDocument": .object(["uri": .string(uri), "version": .null]), "edits": try JSONValue(encoding: [insert])]),
            ])])
        }
        let applies = client.applyEdit && (intoReference || client.createFiles)
        if applies { sendRequest("workspace/applyEdit", .object(["label": .string("icp draft"), "edit": edit])) }
        let icp = draft.icp(code: code)
        return .object([
            "uri": .string(uri),
            "text": .string(text),
            "applied": .bool(applies),
            "edit": edit,
            "parameters": .array(draft.parameters.map { .object(["words": .string($0.words), "parameter": .string($0.parameter.summary)]) }),
            "unmapped": .array(draft.unmapped.map { .string($0.described) }),
            "notes": .array(draft.notes.map(JSONValue.string)),
            "preview": try JSONValue(encoding: ICPPreview(icp: icp, evaluation: data.engine.evaluate(icp))),
        ])
    }

    /// Arguments: an open ICP document's URI and the instruction.
    func refine(_ arguments: [JSONValue]) throws -> JSONValue {
        guard arguments.count >= 2, let uri = arguments[0].stringValue, let instruction = arguments[1].stringValue, instruction.utf8.count <= ICPDraft.maximumSentenceBytes else {
            throw ResponseError(.invalidParams, "`\(Self.refineCommand)` takes an open document's URI and an instruction, such as \"drop the geo filter\"")
        }
        let document = try document(uri)
        guard document.kind == .icp else { throw ResponseError(.invalidParams, "\(document.url.lastPathComponent) is not an ICP file") }
        let data = try commandData(for: document)
        let format = SourceFormat(fileName: document.url.lastPathComponent)
        let refinement: Refinement
        // The source is the text without a byte-order mark: the offsets of LSP edits count from there.
        let context = try resolvedWorkspace(for: document).checkContext(today: today)
        switch data.engine.refine(document.source.text, format: format, instruction: instruction, checkedIn: context) {
        case .success(let done): refinement = done
        case .failure(let failure): throw ResponseError(.requestFailed, failure.description)
        }
        let edit = workspaceEdit([textEdit(refinement.change, in: document.source)], in: document)
        if client.applyEdit { sendRequest("workspace/applyEdit", .object(["label": .string("icp refine"), "edit": try JSONValue(encoding: edit)])) }
        var previews: [String: JSONValue] = [:]
        for (key, text) in [("before", document.text), ("after", refinement.text)] {
            if let icp = ICPDocument(text: text, format: format).icp {
                previews[key] = try JSONValue(encoding: ICPPreview(icp: icp, evaluation: data.engine.evaluate(icp)))
            }
        }
        return .object([
            "edits": .array(refinement.edits.map(JSONValue.string)),
            "applied": .bool(client.applyEdit),
            "edit": try JSONValue(encoding: edit),
            "before": previews["before"] ?? .null,
            "after": previews["after"] ?? .null,
        ])
    }

    /// The data a command on `document` works with. While it is being read, the request waits
    /// (``WaitingForData``) and is answered when the read is done, as if it had just arrived:
    /// an empty document, which nothing has asked data for yet, starts the read itself.
    private func commandData(for document: OpenDocument) throws -> EvaluationData {
        if let data = document.current?.data ?? document.data { return data }
        let workspace = try resolvedWorkspace(for: document)
        let icp = document.document.icp ?? ICP(range: SourceRange(at: .start))
        let unread = session.provider.unread(for: icp, file: document.url, workspace: workspace)
        if !unread.isEmpty {
            startLoading(unread)
            guard answeringWithoutWaiting else { throw WaitingForData() }
            throw ResponseError(.requestFailed, "the data of \(document.url.lastPathComponent) is still being read; \(loadingNote(for: document) ?? "try again in a moment")")
        }
        switch session.provider.data(for: icp, file: document.url, workspace: workspace) {
        case .success(let data): return data
        case .failure(let failure): throw ResponseError(.requestFailed, "the data of \(document.url.lastPathComponent) cannot be read: \(failure.error.description)")
        }
    }

    /// The code of a new draft and its file: into `url` itself, or a new `CODE.icp.yaml` beside
    /// it. The code is one no ICP file of the workspace uses (open or closed), and the file name
    /// one no file or open document has.
    private func draftCode(beside url: URL, intoReference: Bool) -> (code: String, target: URL) {
        if intoReference { return (session.freeCode(base: "draft", near: url), url) }
        let folder = url.deletingLastPathComponent()
        let code = session.freeCode(base: "draft", near: url) { !session.hasFile(folder.appendingPathComponent("\($0).icp.yaml")) }
        return (code, folder.appendingPathComponent("\(code).icp.yaml"))
    }

    /// The workspace of `document`; while it is being looked up, the request waits for it.
    func resolvedWorkspace(for document: OpenDocument) throws -> Workspace {
        guard session.isResolved(document.url) else {
            startResolving(document.url)
            guard answeringWithoutWaiting else { throw WaitingForData() }
            throw ResponseError(.requestFailed, "the workspace of \(document.url.lastPathComponent) is still being looked up; try again in a moment")
        }
        return session.workspace(for: document.url)
    }
}

/// Thrown by a request that needs data still being read: it is answered once the read is done.
struct WaitingForData: Error {}
