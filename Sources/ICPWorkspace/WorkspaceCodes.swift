import Foundation
import ICPCore

/// The ICP codes `duplicate-code` compares: those of every ICP file governed by the same
/// workspace file, or, with no workspace file, of the ICP files in the same folder.
public enum WorkspaceCodes {
    /// `base`, else `base-2`, `base-3`... the first code not in `taken` for which `accepts` holds
    /// (a file name free on disk, say): what a builder names a new ICP.
    public static func free(base: String, taken: Set<String>, accepts: (String) -> Bool = { _ in true }) -> String {
        for number in 1...100_000 {
            let code = number == 1 ? base : "\(base)-\(number)"
            if !taken.contains(code), accepts(code) { return code }
        }
        return "\(base)-\(UInt32.random(in: 100_001...UInt32.max))"
    }

    /// Each ICP file sharing `file`'s workspace (or folder) and its code, `file` included; `parsed`
    /// gives a file's document when the caller already has it (an editor's unsaved buffer, a file
    /// being checked), else the file is read from disk and parsed.
    public static func members(sharingWorkspaceWith file: URL, root: URL?, locator: inout WorkspaceLocator,
                               parsed: (URL) -> ICPDocument?) -> [(file: URL, code: Located<String>)] {
        let candidates: [URL]
        if let root {
            candidates = WorkspaceLocator.icpFiles(under: root).filter { locator.workspaceRoot(for: $0) == root }
        } else {
            let folder = file.deletingLastPathComponent()
            let listing = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            candidates = listing.filter { ICPFileName.matches($0.lastPathComponent) }.map(\.standardizedFileURL)
        }
        var files = Set(candidates)
        files.insert(file.standardizedFileURL)
        return files.sorted { $0.path < $1.path }.compactMap { member in
            let document = parsed(member) ?? (try? SourceFile.read(member)).map { ICPDocument(text: $0.text, format: SourceFormat(fileName: member.lastPathComponent)) }
            guard let code = document?.icp?.code else { return nil }
            return (member, code)
        }
    }
}
