import Foundation
import Testing

/// A repository is input from strangers: `icp diff` and `icp preview` in a clone, or in a checkout
/// whose `.git` itself is hostile, run no program the repository names. Each vector is checked
/// to be live first (plain git runs it), so the test cannot pass by a vector that does nothing.
struct HostileRepositoryTests {
    /// A shell script that notes each run in `marker` (and passes standard input through, as a filter does).
    static func trap(_ name: String, in folder: URL, marker: URL) throws -> URL {
        let script = folder.appendingPathComponent(name)
        try "#!/bin/sh\necho \"\(name) $*\" >> '\(marker.path)'\ncat\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }

    /// Runs git as a person would (with every configuration it finds): its standard output.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL, input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=a@example.com", "-c", "user.name=A", "-c", "protocol.file.allow=always"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let feed = Pipe()
        process.standardInput = feed
        try process.run()
        if let input { feed.fileHandleForWriting.write(Data(input.utf8)) }
        try feed.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func folder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-hostile-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static var icpText: String {
        (try? String(contentsOf: CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/icps/midmarket-saas.icp.yaml"), encoding: .utf8)) ?? ""
    }

    /// A commit object whose header carries a signature, so that `log.showSignature` runs the
    /// signature program on it. Returns its hash.
    static func signedCommit(in folder: URL, parent: String?) throws -> String {
        let tree = try git(["write-tree"], in: folder)
        let header = "tree \(tree)\n" + (parent.map { "parent \($0)\n" } ?? "")
            + "author A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n"
            + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n"
        return try git(["hash-object", "-t", "commit", "-w", "--stdin"], in: folder, input: header)
    }

    /// A repository that commits a folder laid out as a bare repository (`HEAD`, `objects/`,
    /// `refs/`, `config`) whose config sets `core.worktree=.`, `log.showSignature=true` and
    /// `gpg.program=./evil.sh`, cloned as a user clones it: the clone's `evil/` folder.
    static func cloneWithCommittedBareRepository(marker: URL) throws -> (clone: URL, evil: URL) {
        let top = try folder("bare")
        let source = top.appendingPathComponent("source"), evil = source.appendingPathComponent("evil")
        try FileManager.default.createDirectory(at: evil, withIntermediateDirectories: true)
        // The inner repository's objects: one commit with a signature header.
        let scratch = top.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: scratch)
        let commit = try signedCommit(in: scratch, parent: nil)
        try FileManager.default.copyItem(at: scratch.appendingPathComponent(".git/objects"), to: evil.appendingPathComponent("objects"))
        try FileManager.default.createDirectory(at: evil.appendingPathComponent("refs/heads"), withIntermediateDirectories: true)
        try "\(commit)\n".write(to: evil.appendingPathComponent("refs/heads/main"), atomically: true, encoding: .utf8)
        try "ref: refs/heads/main\n".write(to: evil.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        try "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ./evil.sh\n[core]\n\tpager = ./evil.sh\n"
            .write(to: evil.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let script = evil.appendingPathComponent("evil.sh")
        try "#!/bin/sh\necho gpg >> '\(marker.path)'\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        try icpText.write(to: evil.appendingPathComponent("midmarket-saas.icp.yaml"), atomically: true, encoding: .utf8)
        try git(["init", "-q", "-b", "main"], in: source)
        try git(["add", "-A"], in: source)
        try git(["commit", "-q", "-m", "a project"], in: source)
        try git(["clone", "-q", source.path, top.appendingPathComponent("clone").path], in: top)
        return (top.appendingPathComponent("clone"), top.appendingPathComponent("clone/evil"))
    }

    @Test func aCommittedBareRepositoryRunsNothingInAClone() throws {
        let markers = try Self.folder("markers")
        let marker = markers.appendingPathComponent("ran")
        let (clone, evil) = try Self.cloneWithCommittedBareRepository(marker: marker)
        defer { try? FileManager.default.removeItem(at: clone.deletingLastPathComponent()); try? FileManager.default.removeItem(at: markers) }
        let diff = try CLIEndToEndTests.icp(["diff", "main"], in: evil)
        let preview = try CLIEndToEndTests.icp(["preview"], in: evil)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "icp ran the clone's program: \(diff.stderr) \(preview.stderr)")
        #expect(diff.status == 1 && diff.stderr.contains("cannot use bare repository"), "\(diff.stderr)")
        #expect(preview.status == 0 && preview.stdout.contains("midmarket-saas"), "\(preview.stderr)")
        // The vector is live: plain git in that folder runs it.
        try Self.git(["log", "-1"], in: evil)
        #expect(FileManager.default.fileExists(atPath: marker.path), "the test's repository does not exercise the vector")
    }

    /// A checkout whose own `.git` is hostile (an unpacked archive): a file-system monitor,
    /// hooks, clean and smudge filters, a text conversion, an external diff, a pager and a
    /// signature program, on a HEAD that carries a signature and a working tree that is stat-dirty.
    @Test func aHostileGitFolderRunsNothing() throws {
        let repository = try Self.folder("dotgit")
        defer { try? FileManager.default.removeItem(at: repository) }
        let marker = repository.appendingPathComponent("ran")
        let icp = repository.appendingPathComponent("midmarket-saas.icp.yaml")
        try Self.icpText.write(to: icp, atomically: true, encoding: .utf8)
        try "* filter=evil diff=evil\n".write(to: repository.appendingPathComponent(".gitattributes"), atomically: true, encoding: .utf8)
        try Self.git(["init", "-q", "-b", "main"], in: repository)
        try Self.git(["add", "-A"], in: repository)
        try Self.git(["commit", "-q", "-m", "one"], in: repository)
        try Self.icpText.replacingOccurrences(of: "min: 200", with: "min: 300").write(to: icp, atomically: true, encoding: .utf8)
        try Self.git(["add", "-A"], in: repository)
        let parent = try Self.git(["rev-parse", "HEAD"], in: repository)
        let signed = try Self.signedCommit(in: repository, parent: parent)
        try Self.git(["update-ref", "refs/heads/main", signed], in: repository)
        // Only now the configuration turns hostile (git above ran without it).
        let tools = repository.appendingPathComponent(".git/tools")
        try FileManager.default.createDirectory(at: tools.appendingPathComponent("hooks"), withIntermediateDirectories: true)
        for hook in ["post-index-change", "pre-auto-gc", "post-checkout", "reference-transaction", "fsmonitor-watchman"] {
            _ = try Self.trap(hook, in: tools.appendingPathComponent("hooks"), marker: marker)
        }
        let program = try Self.trap("program", in: tools, marker: marker).path
        for (key, value) in [("core.fsmonitor", program), ("core.hooksPath", tools.appendingPathComponent("hooks").path),
                             ("filter.evil.clean", program), ("filter.evil.smudge", program), ("diff.evil.textconv", program),
                             ("diff.external", program), ("log.showSignature", "true"), ("gpg.program", program),
                             ("core.pager", program), ("pager.log", program)] {
            try Self.git(["config", key, value], in: repository)
        }
        // Stat-dirty: `git status` would run the clean filter to compare.
        try Self.icpText.replacingOccurrences(of: "min: 200", with: "min: 400").write(to: icp, atomically: true, encoding: .utf8)

        var runs: [CLIEndToEndTests.Output] = []
        for arguments in [["preview"], ["preview", "--format", "json"], ["diff", "HEAD~1"], ["diff", "HEAD~1..HEAD"], ["diff"], ["diff", "--format", "markdown"]] {
            runs.append(try CLIEndToEndTests.icp(arguments, in: repository))
        }
        let ran = (try? String(contentsOf: marker, encoding: .utf8)) ?? ""
        #expect(ran.isEmpty, "icp ran the repository's programs: \(ran)")
        #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.stderr))")
        #expect(runs[0].stdout.contains("modified, not committed"), "the change on disk is still seen: \(runs[0].stdout)")
        #expect(runs[2].stdout.contains("midmarket-saas"), "\(runs[2].stdout)")
        // The vectors are live: plain git runs them.
        try Self.git(["status"], in: repository)
        try Self.git(["log", "-1"], in: repository)
        let plain = (try? String(contentsOf: marker, encoding: .utf8)) ?? ""
        #expect(plain.contains("program"), "the test's repository does not exercise the vectors: \(plain)")
    }

    /// `GIT_DIR` and `GIT_CONFIG_*` left in the environment (a hook that started the editor) point
    /// git elsewhere; icp asks about the folder it was given.
    @Test func gitVariablesInTheEnvironmentAreIgnored() throws {
        let repository = try DiffCommandTests.repository()
        let other = try Self.folder("other")
        defer { try? FileManager.default.removeItem(at: repository); try? FileManager.default.removeItem(at: other) }
        let marker = other.appendingPathComponent("ran")
        let program = try Self.trap("program", in: other, marker: marker)
        let result = try CLIEndToEndTests.icp(["diff", "main~1", "--format", "json"], in: repository, environment: [
            "GIT_DIR": other.path, "GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "log.showSignature", "GIT_CONFIG_VALUE_0": "true",
            "GIT_CONFIG_KEY_1": "gpg.program", "GIT_CONFIG_VALUE_1": program.path, "GIT_EXTERNAL_DIFF": program.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    /// Opened through a linked folder (on macOS the temporary folder is one), the files compare
    /// with git's: nothing is "removed" or "new".
    @Test func aRepositoryReachedThroughALinkIsTheSameRepository() throws {
        let repository = try DiffCommandTests.repository()
        let links = try Self.folder("links")
        defer { try? FileManager.default.removeItem(at: repository); try? FileManager.default.removeItem(at: links) }
        let link = links.appendingPathComponent("repo")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: repository)
        let direct = try DiffCommandTests.json(try CLIEndToEndTests.icp(["diff", "main~1", "--format", "json"], in: repository))
        let linked = try DiffCommandTests.json(try CLIEndToEndTests.icp(["diff", "main~1", "--format", "json"], in: link))
        #expect(Set(linked.keys) == Set(direct.keys))
        for (code, entry) in direct { #expect(linked[code]?["change"] as? String == entry["change"] as? String, "\(code)") }
        let named = try DiffCommandTests.json(try CLIEndToEndTests.icp(["diff", "main~1", link.path, "--format", "json"], in: repository))
        #expect(Set(named.keys) == Set(direct.keys) && !named.values.contains { $0["change"] as? String == "removed" }, "\(named)")
        // The last change of each file, through the link as directly.
        let viaLink = try CLIEndToEndTests.icp(["preview", "--format", "json"], in: link).stdout
        let directly = try CLIEndToEndTests.icp(["preview", "--format", "json"], in: repository).stdout
        #expect(!viaLink.isEmpty && viaLink == directly)
    }

    /// The files of a submodule are another repository's: the base does not list them, so the
    /// working tree must not call them added.
    @Test func filesInASubmoduleAreNotAdded() throws {
        let top = try Self.folder("submodule")
        defer { try? FileManager.default.removeItem(at: top) }
        let inner = top.appendingPathComponent("inner"), outer = top.appendingPathComponent("outer")
        for folder in [inner, outer] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try Self.icpText.write(to: inner.appendingPathComponent("midmarket-saas.icp.yaml"), atomically: true, encoding: .utf8)
        try Self.git(["init", "-q", "-b", "main"], in: inner)
        try Self.git(["add", "-A"], in: inner)
        try Self.git(["commit", "-q", "-m", "inner"], in: inner)
        try Self.icpText.replacingOccurrences(of: "icp: midmarket-saas", with: "icp: outer").write(to: outer.appendingPathComponent("outer.icp.yaml"), atomically: true, encoding: .utf8)
        try Self.git(["init", "-q", "-b", "main"], in: outer)
        try Self.git(["submodule", "add", "-q", inner.path, "vendor"], in: outer)
        try Self.git(["add", "-A"], in: outer)
        try Self.git(["commit", "-q", "-m", "outer"], in: outer)
        let result = try CLIEndToEndTests.icp(["diff", "main", "--format", "json"], in: outer)
        let entries = try DiffCommandTests.json(result)
        #expect(entries["midmarket-saas"] == nil, "a submodule's ICP was compared: \(entries)")
        #expect(entries["outer"]?["change"] as? String == "none", "\(entries)")
    }
}
