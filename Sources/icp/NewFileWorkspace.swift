import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

/// The workspace a new ICP file would join, loaded with its dataset: what `icp derive` and
/// `icp draft` build on. Errors are printed, and end the command with exit code 1.
struct NewFileWorkspace {
    let session: WorkspaceSession
    let workspace: Workspace
    let data: EvaluationData
    /// Codes the workspace's ICP files already use, and where.
    let used: [(file: URL, code: Located<String>)]

    /// Loads the workspace holding `anchor` (a file that need not exist yet).
    static func load(anchor: URL, access: DataAccess) throws -> NewFileWorkspace {
        let session = WorkspaceSession.here(access: access)
        if let problem = session.resolveNow(anchor) { Output.error(problem) }
        switch session.dataForNewFile(at: anchor) {
        case .success(let loaded):
            return NewFileWorkspace(session: session, workspace: session.workspace(for: anchor), data: loaded, used: session.members(sharingWorkspaceWith: anchor))
        case .failure(let failure):
            Output.error(failure.description)
            throw ExitCode(1)
        }
    }

    /// `code` as asked, else `base`, `base-2`... the first the workspace does not use; a warning
    /// when an asked-for code is taken.
    func code(_ asked: String?, base: String) -> String {
        let code = asked ?? WorkspaceCodes.free(base: base, taken: Set(used.map(\.code.value)))
        Self.warnIfTaken(code, used: used, display: session.display)
        return code
    }

    static func warnIfTaken(_ code: String, used: [(file: URL, code: Located<String>)], display: (URL) -> String) {
        if let user = used.first(where: { $0.code.value == code }) {
            Output.note("icp: warning: the code `\(code)` is already used by \(display(user.file)); rename one before checking the workspace.")
        }
    }

    /// `text` checked as the file `file` of this workspace, data checks included: the ICP, or
    /// exit code 70 (a builder's bug). A code the user asked for that is taken is not one: `code`
    /// warned of it.
    func checked(_ text: String, format: SourceFormat, at file: URL, builder: String) throws -> ICP {
        let (_, found) = session.checkedNewFile(text, format: format, at: file)
        let errors = found.filter { $0.code != .duplicateCode }
        let icp = ICPDocument(text: text, format: format).icp
        guard let icp, errors.isEmpty else {
            Output.error("the ICP does not pass its own checks (\(errors.first?.message ?? "it cannot be read")); this is a bug in icp \(builder), please report it.")
            throw ExitCode(70)
        }
        return icp
    }

    /// The file to `out` as a new file (refused if anything is there) with the report on stdout,
    /// or, without `out`, the file on stdout and the report on stderr.
    static func deliver(_ text: String, report: String, out: String?, relativeTo folder: URL) throws {
        guard let out else {
            Output.writeData(text)
            Output.note(report)
            return
        }
        do {
            try OutputFile.create(Data(text.utf8), at: URL(fileURLWithPath: out, relativeTo: folder))
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
        Output.write(report + "\nwrote \(out)")
    }
}

extension WorkspaceSession {
    /// A session for a command run in the current folder: paths shown from there, as given.
    static func here(access: DataAccess) -> WorkspaceSession {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return WorkspaceSession(access: access, display: { FileSelection.display($0, from: folder) })
    }
}
