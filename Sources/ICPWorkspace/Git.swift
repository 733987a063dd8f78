import FoundationEssentials
import Subprocess

/// The git repository a folder is in, asked through the `git` command (never reimplemented):
/// revisions, the merge-base with the default branch, files at a revision, the last commit of a file.
public struct GitRepository: Sendable {
    /// The repository's top folder, as the caller's paths reach it.
    public let root: URL
    /// The same folder with links resolved, as git names it.
    let realRoot: URL

    /// A failure of git, with what it said.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A commit, named as a person reads it.
    public struct Commit: Sendable, Equatable {
        public let hash: String
        public let author: String
        /// `YYYY-MM-DD`.
        public let date: String
        public let subject: String

        public var short: String { String(hash.prefix(10)) }
    }

    /// The repository holding `folder`; a failure outside one (or without git).
    ///
    /// git names its top folder with links resolved; `root` is that folder as the caller reaches
    /// it (through a linked folder, as a workspace opened at `/tmp/...` is on macOS), so paths
    /// git lists compare with the caller's.
    public static func containing(_ folder: URL) async throws(Failure) -> GitRepository {
        let top = try await GitCommand.run(["rev-parse", "--show-toplevel"], in: folder, failure: "\(folder.path) is not in a git repository")
        let real = URL(fileURLWithPath: String(top.trimmingLineBreaks()), isDirectory: true).standardizedFileURL
        return GitRepository(root: callersRoot(real: real, folder: folder.standardizedFileURL) ?? real, realRoot: real)
    }

    /// The folder of `folder`'s path that is `real` once links are resolved: `/tmp/link` for
    /// `/tmp/link/sub` when `/tmp/link` leads to `real`; nil when no prefix of the path does.
    static func callersRoot(real: URL, folder: URL) -> URL? {
        var candidate = folder
        while true {
            if candidate.resolvingSymlinksInPath().standardizedFileURL.path == real.path { return candidate }
            let parent = candidate.deletingLastPathComponent().standardizedFileURL
            guard parent.path != candidate.path else { return nil }
            candidate = parent
        }
    }

    /// The commit `revision` names; a failure naming it when git does not know it.
    public func commit(_ revision: String) async throws(Failure) -> Commit {
        guard !revision.hasPrefix("-") else { throw Failure(description: "`\(revision)` is not a revision") }
        let line = try await GitCommand.run(["log", "-1", "--format=%H%x09%an%x09%ad%x09%s", "--date=short", revision, "--"], in: root,
                                      failure: "git does not know the revision `\(revision)`")
        let parts = line.trimmingLineBreaks().split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else { throw Failure(description: "git does not know the revision `\(revision)`") }
        return Commit(hash: parts[0], author: parts[1], date: parts[2], subject: parts[3])
    }

    /// The branch pull requests go to: the remote's HEAD (`origin/main`), else `main` or `master`.
    public func defaultBranch() async throws(Failure) -> String {
        if let remote = try? await GitCommand.run(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], in: root, failure: ""),
           !remote.trimmingWhitespace().isEmpty {
            return String(remote.trimmingWhitespace())
        }
        for name in ["origin/main", "origin/master", "main", "master"] where (try? await commit(name)) != nil { return name }
        throw Failure(description: "no default branch found (origin/HEAD, main or master); name the revision to compare with")
    }

    /// The merge-base of `HEAD` and `revision`: where the current work left it.
    public func mergeBase(with revision: String) async throws(Failure) -> String {
        try await GitCommand.run(["merge-base", "HEAD", revision], in: root, failure: "no common ancestor of HEAD and `\(revision)`")
            .trimmingWhitespace().description
    }

    /// What `revision` holds under `folder` (recursively), as paths in the working tree: each
    /// file with its size in bytes (so a file too large to read is known before it is read), and
    /// the submodules (gitlinks), whose files are another repository's and are not listed.
    public func tree(at revision: String, under folder: URL) async throws(Failure) -> (files: [(url: URL, size: Int)], submodules: [URL]) {
        let relative = path(of: folder)
        let listing = try await GitCommand.run(["ls-tree", "-r", "-l", "-z", revision, "--", relative.isEmpty ? "." : relative], in: root,
                                               failure: "cannot list \(relative.isEmpty ? "the repository" : relative) at `\(revision)`")
        var files: [(url: URL, size: Int)] = []
        var submodules: [URL] = []
        // `<mode> <type> <object> <size>\t<path>`, the size padded with spaces (`-` for a gitlink).
        for entry in listing.split(separator: "\0") {
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            let url = root.appendingPathComponent(String(entry[entry.index(after: tab)...])).standardizedFileURL
            guard fields.count == 4 else { continue }
            if fields[1] == "blob" { files.append((url, Int(fields[3]) ?? Int.max)) }
            if fields[1] == "commit" { submodules.append(url) }
        }
        return (files, submodules)
    }

    /// The files under `folder` that git does not track: those it ignores (`.gitignore`, the
    /// repository's exclude file), and the others (new files not yet added). Empty sets when git
    /// cannot say.
    public func untracked(under folder: URL) async -> (ignored: Set<URL>, new: Set<URL>) {
        let relative = path(of: folder)
        func list(_ extra: [String]) async -> Set<URL> {
            guard let listing = try? await GitCommand.run(["ls-files", "-z", "--others", "--exclude-standard"] + extra + ["--", relative.isEmpty ? "." : relative],
                                                         in: root, failure: "") else { return [] }
            return Set(listing.split(separator: "\0").map { root.appendingPathComponent(String($0)).standardizedFileURL })
        }
        return (await list(["--ignored"]), await list([]))
    }

    /// A file's text at `revision`; nil when it did not exist there. The blob as committed:
    /// `cat-file` applies no text conversion or filter the repository configures.
    public func text(of file: URL, at revision: String) async -> String? {
        guard !revision.hasPrefix("-") else { return nil }
        return try? await GitCommand.run(["cat-file", "blob", "\(revision):\(path(of: file))"], in: root, failure: "")
    }

    /// The last commit that touched `file`, and whether `onDisk` (its text now; nil: unreadable)
    /// differs from its text at `HEAD` (line endings aside); nil when no commit did. The file is
    /// compared here rather than through `git status`, which runs the repository's clean filters
    /// and monitor.
    public func lastChange(of file: URL, onDisk: String?) async -> (commit: Commit, modified: Bool)? {
        let relative = path(of: file)
        guard let line = try? await GitCommand.run(["log", "-1", "--format=%H%x09%an%x09%ad%x09%s", "--date=short", "--", relative], in: root, failure: ""),
              case let parts = line.trimmingLineBreaks().split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init),
              parts.count == 4 else { return nil }
        let committed = await text(of: file, at: "HEAD")
        let modified = committed.map(Self.withoutCarriageReturns) != onDisk.map(Self.withoutCarriageReturns)
        return (Commit(hash: parts[0], author: parts[1], date: parts[2], subject: parts[3]), modified)
    }

    private static func withoutCarriageReturns(_ text: String) -> String {
        text.replacing("\r\n", with: "\n")
    }

    /// `file`'s path from the repository's top folder, whether the caller reaches it through a
    /// link or not.
    public func path(of file: URL) -> String {
        let standard = file.standardizedFileURL.path
        return Self.relative(standard, to: root.path) ?? Self.relative(file.resolvingSymlinksInPath().standardizedFileURL.path, to: realRoot.path) ?? standard
    }

    private static func relative(_ path: String, to top: String) -> String? {
        if path == top { return "" }
        let prefix = top.hasSuffix("/") ? top : top + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }
}
