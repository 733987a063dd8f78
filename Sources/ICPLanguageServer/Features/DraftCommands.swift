import Foundation
import ICPCore
import ICPWorkspace

/// `workspace/executeCommand` `icp.draft` and `icp.refine`: a sentence to a new ICP file (or
/// into an empty document), and an instruction to an edit of an open document. The edit is
/// sent with `workspace/applyEdit` when the client applies edits, and is in the result too.
extension LanguageServer {
    static let draftCommand = "icp.draft"
    static let refineCommand = "icp.refine"
    static var commands: [String] { [previewCommand, draftCommand, refineCommand] }

    /// Arguments: the sentence, then optionally the URI of an open ICP document: the draft goes
    /// into it when it is empty, else into a new file beside it (`draft.icp.yaml`, `draft-2...`).
    func draft(_ arguments: [JSONValue]) throws -> JSONValue {
        guard let sentence = arguments.first?.stringValue, !sentence.trimmingWhitespace().isEmpty, sentence.utf8.count <= 10_000 else {
            throw ResponseError(.invalidParams, "`\(Self.draftCommand)` takes a sentence (up to 10,000 bytes), then optionally an open document's URI")
        }
        let reference = try arguments.dropFirst().first?.stringValue.map(document) ?? documents.values.sorted { $0.uri < $1.uri }.first { $0.kind == .icp }
        guard let reference else {
            throw ResponseError(.invalidParams, "open an ICP file of the workspace first (or pass its URI): the draft maps words onto that workspace's data")
        }
        guard let data = reference.current?.data ?? reference.data else {
            throw ResponseError(.requestFailed, "the data of \(reference.url.lastPathComponent) is not readable yet; see its diagnostics")
        }
        let draft = data.engine.draft(sentence)
        guard !draft.parameters.isEmpty else {
            throw ResponseError(.requestFailed, "no words of the sentence map onto a column or value of \(data.datasetName): \(draft.unmapped.map(\.described).joined(separator: "; "))")
        }
        let intoReference = reference.text.trimmingWhitespace().isEmpty
        let target = intoReference ? reference.url : newDraftURL(beside: reference.url)
        let code = intoReference ? freeCode() : target.lastPathComponent.replacingOccurrences(of: ".icp.yaml", with: "")
        let format = SourceFormat(fileName: target.lastPathComponent)
        let file = draft.file(code: code, name: draft.suggestedName)
        let text = format == .json ? file.json : file.yaml
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
            "preview": try JSONValue(encoding: ICPPreview(icp: icp, evaluation: data.engine.evaluate(icp))),
        ])
    }

    /// Arguments: an open ICP document's URI and the instruction.
    func refine(_ arguments: [JSONValue]) throws -> JSONValue {
        guard arguments.count >= 2, let uri = arguments[0].stringValue, let instruction = arguments[1].stringValue, instruction.utf8.count <= 10_000 else {
            throw ResponseError(.invalidParams, "`\(Self.refineCommand)` takes an open document's URI and an instruction, such as \"drop the geo filter\"")
        }
        let document = try document(uri)
        guard document.kind == .icp, let data = document.current?.data ?? document.data else {
            throw ResponseError(.requestFailed, "\(document.url.lastPathComponent) has no readable data yet; see its diagnostics")
        }
        let format = SourceFormat(fileName: document.url.lastPathComponent)
        let refinement: Refinement
        // The source is the text without a byte-order mark: the offsets of LSP edits count from there.
        switch data.engine.refine(document.source.text, format: format, instruction: instruction) {
        case .success(let done): refinement = done
        case .failure(let failure): throw ResponseError(.requestFailed, failure.description)
        }
        let edit = WorkspaceEdit(changes: [uri: [textEdit(refinement.change, in: document.source)]])
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

    /// `draft.icp.yaml`, or `draft-2.icp.yaml` and on: the first name beside `url` that no file or open document has.
    private func newDraftURL(beside url: URL) -> URL {
        let folder = url.deletingLastPathComponent()
        let open = Set(documents.values.map(\.url))
        let taken = Set(documents.values.compactMap { $0.document.icp?.code?.value })
        for number in 1...10_000 {
            let stem = number == 1 ? "draft" : "draft-\(number)"
            let candidate = folder.appendingPathComponent("\(stem).icp.yaml")
            if !open.contains(candidate), !taken.contains(stem), !FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return folder.appendingPathComponent("draft-\(UUID().uuidString.prefix(8).lowercased()).icp.yaml")
    }

    /// `draft`, or `draft-2` and on: a code no open document uses.
    private func freeCode() -> String {
        let taken = Set(documents.values.compactMap { $0.document.icp?.code?.value })
        return (1...).lazy.map { $0 == 1 ? "draft" : "draft-\($0)" }.first { !taken.contains($0) } ?? "draft"
    }
}
