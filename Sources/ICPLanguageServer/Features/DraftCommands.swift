import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
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
    /// Drafted by the session as `icp draft` drafts, on the data of the file written.
    func draft(_ arguments: [JSONValue]) throws -> JSONValue {
        guard let sentence = arguments.first?.stringValue, !sentence.trimmingWhitespace().isEmpty, sentence.utf8.count <= ICPDraft.maximumSentenceBytes else {
            throw ResponseError(.invalidParams, "`\(Self.draftCommand)` takes a sentence (up to \(CountFormat.grouped(ICPDraft.maximumSentenceBytes)) bytes), then optionally an open document's URI")
        }
        let reference = try arguments.dropFirst().first?.stringValue.map(document) ?? documents.values.sorted { $0.uri < $1.uri }.first { $0.kind == .icp }
        guard let reference else {
            throw ResponseError(.invalidParams, "open an ICP file of the workspace first (or pass its URI): the draft maps words onto that workspace's data")
        }
        _ = try resolvedWorkspace(for: reference)
        let intoReference = reference.text.trimmingWhitespace().isEmpty
        let (code, target) = draftCode(beside: reference.url, intoReference: intoReference)
        try requireData(for: ICP(range: SourceRange(at: .start)), at: target, document: reference)
        let outcome: DraftOutcome
        switch session.draft(sentence, at: target, code: code) {
        case .success(let done): outcome = done
        case .failure(let failure):
            throw ResponseError(.requestFailed, failure.description + (failure.unmapped.isEmpty ? "" : ": " + failure.unmapped.joined(separator: "; ")))
        }
        let uri = intoReference ? reference.uri : target.absoluteString
        let insert = TextEdit(range: LSPRange(start: LSPPosition(line: 0, character: 0), end: LSPPosition(line: 0, character: 0)), newText: outcome.text)
        var edit: JSONValue = .object(["changes": .object([uri: try JSONValue(encoding: [insert])])])
        if !intoReference {
            edit = .object(["documentChanges": .array([
                .object(["kind": .string("create"), "uri": .string(uri), "options": .object(["overwrite": .bool(false), "ignoreIfExists": .bool(true)])]),
                .object(["textDocument": .object(["uri": .string(uri), "version": .null]), "edits": try JSONValue(encoding: [insert])]),
            ])])
        }
        let applies = client.applyEdit && (intoReference || client.createFiles)
        if applies { sendRequest("workspace/applyEdit", .object(["label": .string("icp draft"), "edit": edit])) }
        return .object([
            "uri": .string(uri),
            "text": .string(outcome.text),
            "applied": .bool(applies),
            "edit": edit,
            "parameters": .array(outcome.draft.parameters.map { .object(["words": .string($0.words), "parameter": .string($0.parameter.summary)]) }),
            "unmapped": .array(outcome.draft.unmapped.map { .string($0.described) }),
            "notes": .array(outcome.draft.notes.map(JSONValue.string)),
            "questions": .array(outcome.draft.questions.map(JSONValue.string)),
            "preview": try JSONValue(encoding: outcome.preview),
        ])
    }

    /// Arguments: an open ICP document's URI and the instruction. Refined by the session as
    /// `icp refine` refines, on the document's own data.
    func refine(_ arguments: [JSONValue]) throws -> JSONValue {
        guard arguments.count >= 2, let uri = arguments[0].stringValue, let instruction = arguments[1].stringValue, instruction.utf8.count <= ICPDraft.maximumSentenceBytes else {
            throw ResponseError(.invalidParams, "`\(Self.refineCommand)` takes an open document's URI and an instruction, such as \"drop the geo filter\"")
        }
        let document = try document(uri)
        guard document.kind == .icp else { throw ResponseError(.invalidParams, "\(document.url.lastPathComponent) is not an ICP file") }
        _ = try resolvedWorkspace(for: document)
        try requireData(for: document.document.icp ?? ICP(range: SourceRange(at: .start)), at: document.url, document: document)
        // The source is the text without a byte-order mark: the offsets of LSP edits count from there.
        let outcome: RefineOutcome
        switch session.refine(document.source.text, at: document.url, instruction: instruction) {
        case .success(let done): outcome = done
        case .failure(let failure): throw ResponseError(.requestFailed, failure.description)
        }
        let edit = workspaceEdit([textEdit(outcome.refinement.change, in: document.source)], in: document)
        if client.applyEdit { sendRequest("workspace/applyEdit", .object(["label": .string("icp refine"), "edit": try JSONValue(encoding: edit)])) }
        return .object([
            "edits": .array(outcome.refinement.edits.map(JSONValue.string)),
            "questions": .array(outcome.refinement.questions.map(JSONValue.string)),
            "applied": .bool(client.applyEdit),
            "edit": try JSONValue(encoding: edit),
            "before": try outcome.before.map { try JSONValue(encoding: $0) } ?? .null,
            "after": try outcome.after.map { try JSONValue(encoding: $0) } ?? .null,
        ])
    }

    /// Waits (``WaitingForData``) until the data `icp` at `url` runs on is read: the actor never
    /// reads a file, so a command that needs data not read yet starts the read and is answered
    /// when it is done, as if it had just arrived. `document` is the open document whose loading
    /// note a command that cannot wait gives.
    private func requireData(for icp: ICP, at url: URL, document: OpenDocument) throws {
        let unread = session.provider.unread(for: icp, file: url, workspace: session.workspace(for: url))
        guard !unread.isEmpty else { return }
        startLoading(unread)
        guard answeringWithoutWaiting else { throw WaitingForData() }
        throw ResponseError(.requestFailed, "the data of \(url.lastPathComponent) is still being read; \(loadingNote(for: document) ?? "try again in a moment")")
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
