import Foundation
import Subprocess

/// The git repository a folder is in, asked through the `git` command (never reimplemented):
/// revisions, the merge-base with the default branch, files at a revision, the last commit of a file.
public struct GitRepository: Sendable {
    /// The repository's top folder.
    public let root: URL

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
    public static func containing(_ folder: URL) async throws(Failure) -> GitRepository {
        let top = try await git(["rev-parse", "--show-toplevel"], in: folder, failure: "\(folder.path) is not in a git repository")
        return GitRepository(root: URL(fileURLWithPath: top.trimmingCharacters(in: .whitespacesAndNewlines), isDirectory: true).standardizedFileURL)
    }

    /// The commit `revision` names; a failure naming it when git does not know it.
    public func commit(_ revision: String) async throws(Failure) -> Commit {
        guard !revision.hasPrefix("-") else { throw Failure(description: "`\(revision)` is not a revision") }
        let line = try await Self.git(["log", "-1", "--format=%H%x09%an%x09%ad%x09%s", "--date=short", revision, "--"], in: root,
                                      failure: "git does not know the revision `\(revision)`")
        let parts = line.trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else { throw Failure(description: "git does not know the revision `\(revision)`") }
        return Commit(hash: parts[0], author: parts[1], date: parts[2], subject: parts[3])
    }

    /// The branch pull requests go to: the remote's HEAD (`origin/main`), else `main` or `master`.
    public func defaultBranch() async throws(Failure) -> String {
        if let remote = try? await Self.git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], in: root, failure: ""),
           !remote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return remote.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for name in ["origin/main", "origin/master", "main", "master"] where (try? await commit(name)) != nil { return name }
        throw Failure(description: "no default branch found (origin/HEAD, main or master); name the revision to compare with")
    }

    /// The merge-base of `HEAD` and `revision`: where the current work left it.
    public func mergeBase(with revision: String) async throws(Failure) -> String {
        try await Self.git(["merge-base", "HEAD", revision], in: root, failure: "no common ancestor of HEAD and `\(revision)`")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The files at `revision` under `folder` (recursively), as paths in the working tree.
    public func files(at revision: String, under folder: URL) async throws(Failure) -> [URL] {
        let relative = path(of: folder)
        let listing = try await Self.git(["ls-tree", "-r", "--name-only", "-z", revision, "--", relative.isEmpty ? "." : relative], in: root,
                                         failure: "cannot list \(relative.isEmpty ? "the repository" : relative) at `\(revision)`")
        return listing.split(separator: "\0").map { root.appendingPathComponent(String($0)).standardizedFileURL }
    }

    /// A file's text at `revision`; nil when it did not exist there.
    public func text(of file: URL, at revision: String) async -> String? {
        try? await Self.git(["show", "\(revision):\(path(of: file))"], in: root, failure: "")
    }

    /// The last commit that touched `file`, and whether the working tree changes it since; nil
    /// when no commit did.
    public func lastChange(of file: URL) async -> (commit: Commit, modified: Bool)? {
        let relative = path(of: file)
        guard let line = try? await Self.git(["log", "-1", "--format=%H%x09%an%x09%ad%x09%s", "--date=short", "--", relative], in: root, failure: ""),
              case let parts = line.trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init),
              parts.count == 4 else { return nil }
        let status = (try? await Self.git(["status", "--porcelain", "--", relative], in: root, failure: "")) ?? ""
        return (Commit(hash: parts[0], author: parts[1], date: parts[2], subject: parts[3]), !status.isEmpty)
    }

    /// `file`'s path from the repository's top folder.
    public func path(of file: URL) -> String {
        let top = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let path = file.standardizedFileURL.path
        return path == root.path ? "" : (path.hasPrefix(top) ? String(path.dropFirst(top.count)) : path)
    }

    /// Runs git in `folder`: its standard output, or `failure` with what git said.
    static func git(_ arguments: [String], in folder: URL, failure: String) async throws(Failure) -> String {
        let output: String?
        let said: String
        do {
            let result = try await run(.name("git"), arguments: Arguments(["-C", folder.path] + arguments),
                                       output: .string(limit: 64 * 1024 * 1024), error: .string(limit: 64 * 1024))
            guard result.terminationStatus.isSuccess else {
                said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
                throw Failure(description: failure + (said.isEmpty ? "" : " (git: \(said.split(separator: "\n").first ?? ""))"))
            }
            output = result.standardOutput
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot run git: \(error)")
        }
        return output ?? ""
    }
}
