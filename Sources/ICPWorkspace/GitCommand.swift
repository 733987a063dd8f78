import FoundationEssentials
import Subprocess

/// How `icp` runs git: with a fixed configuration that no repository can change, so that
/// opening or reviewing a clone never runs a program the clone names.
///
/// A repository is input from strangers. Its `.git/config` (or a folder committed with the
/// layout of a bare repository, which git finds on its own) can name programs git runs on
/// reading: a signature checker (`gpg.program` with `log.showSignature`), a file-system monitor
/// (`core.fsmonitor`), hooks, clean filters and text conversions (`.gitattributes` with
/// `filter.*`/`diff.*`), a pager, a credential helper. Every one of them is switched off here, on
/// git's command line, which outranks every configuration file; and `icp` only runs the plumbing
/// that reads commits and blobs (`rev-parse`, `log`, `ls-tree`, `cat-file`, `merge-base`,
/// `symbolic-ref`), never `status` or `diff`, which read the working tree through filters.
enum GitCommand {
    /// The options before every git command: repository discovery that refuses implicit bare
    /// repositories, and every configured program off.
    static let fixedOptions: [String] = [
        "--no-optional-locks", "--no-replace-objects",
        "-c", "safe.bareRepository=explicit",
        "-c", "core.fsmonitor=false",
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.untrackedCache=false",
        "-c", "core.pager=cat",
        "-c", "core.attributesFile=/dev/null",
        "-c", "log.showSignature=false",
        "-c", "gpg.program=false",
        "-c", "gpg.ssh.program=false",
        "-c", "gpg.x509.program=false",
        "-c", "protocol.allow=never",
        "-c", "credential.helper=",
        "-c", "core.sshCommand=false",
        "-c", "core.askPass=false",
    ]

    /// The environment: the caller's, less every `GIT_*` variable (a `GIT_DIR`, `GIT_CONFIG_*`
    /// or `GIT_EXTERNAL_DIFF` left by whatever started the editor), with no prompt and no pager.
    static func environment(from variables: [String: String] = ProcessInfo.processInfo.environment) -> Environment {
        var changes: [Environment.Key: String?] = [:]
        for name in variables.keys where name.hasPrefix("GIT_") { changes[Environment.Key(stringLiteral: name)] = .some(nil) }
        changes["GIT_TERMINAL_PROMPT"] = "0"
        changes["GIT_PAGER"] = "cat"
        changes["GIT_OPTIONAL_LOCKS"] = "0"
        changes["GIT_NO_REPLACE_OBJECTS"] = "1"
        return Environment.inherit.updating(changes)
    }

    /// Runs git in `folder` with ``fixedOptions``: its standard output, or `failure` with the
    /// first line git wrote on its standard error. `git` is looked up in the absolute folders of
    /// `PATH` only (swift-subprocess skips `.` and empty entries), so a `git` committed in the
    /// folder being read is never the one run.
    static func run(_ arguments: [String], in folder: URL, failure: String) async throws(GitRepository.Failure) -> String {
        let output: String?
        do {
            let result = try await Subprocess.run(.name("git"), arguments: Arguments(fixedOptions + ["-C", folder.path] + arguments),
                                                  environment: environment(), output: .string(limit: 64 * 1024 * 1024), error: .string(limit: 64 * 1024))
            guard result.terminationStatus.isSuccess else {
                let said = result.standardError.trimmingWhitespace()
                throw GitRepository.Failure(description: failure + (said.isEmpty ? "" : " (git: \(said.split(separator: "\n").first ?? ""))"))
            }
            output = result.standardOutput
        } catch let failure as GitRepository.Failure {
            throw failure
        } catch {
            throw GitRepository.Failure(description: "cannot run git: \(error)")
        }
        return output ?? ""
    }
}
