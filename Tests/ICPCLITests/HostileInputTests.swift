import Foundation
import Testing

/// Files, folders, values and streams from strangers, and careless commands: each case once
/// did harm (a file replaced, a broken file measured, memory without bound, a check of
/// nothing that passed) and now holds.
struct HostileInputTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-hostile-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    private func write(_ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: file(name).deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file(name), atomically: true, encoding: .utf8)
    }

    private func icp(_ arguments: [String], in place: String = "") throws -> CLIEndToEndTests.Output {
        try CLIEndToEndTests.icp(arguments, in: place.isEmpty ? folder : file(place))
    }

    /// A workspace on `accounts.csv` (rows `a1`...) beside an ICP with a `dataset` of its own.
    private func twoDatasets() throws {
        try write("icp.workspace.yaml", "datasets:\n  accounts: accounts.csv\nkeys:\n  account_id: id\n")
        try write("accounts.csv", "id,industry\n" + (1...50).map { "a\($0),Software\n" }.joined())
        try write("sub/own.csv", "id,industry\n" + (1...5).map { "b\($0),Software\n" }.joined())
        try write("sub/own.icp.yaml", "icp: own\nstatus: live\ndataset: own.csv\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        try write("other.icp.yaml", "icp: other\nstatus: draft\ndataset: sub/other.csv\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        try write("sub/other.csv", "id,industry\nc1,Retail\n")
    }

    /// `--out` never replaces a dataset the workspace or any of its ICPs names, though this run
    /// reads another one.
    @Test func anOutputNeverReplacesADatasetOfTheWorkspace() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try twoDatasets()
        let before = try Data(contentsOf: file("accounts.csv")), other = try Data(contentsOf: file("sub/other.csv"))
        for arguments in [["score", "sub/own.icp.yaml", "--out", "accounts.csv"], ["report", "sub/own.icp.yaml", "--out", "accounts.csv"],
                          ["report", "sub/own.icp.yaml", "--out", "sub/other.csv"], ["list", "sub/own.icp.yaml", "--out", "sub/other.csv"]] {
            let result = try icp(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("a dataset of its workspace"), "\(arguments): \(result.stderr)")
        }
        #expect(try Data(contentsOf: file("accounts.csv")) == before)
        #expect(try Data(contentsOf: file("sub/other.csv")) == other)
        #expect(try icp(["score", "sub/own.icp.yaml", "--out", "scored.csv"]).status == 0)
    }

    /// A file with errors is reported as broken, never measured: not `mode: filtre` as a
    /// widening, not an unparseable head as every account added, not a base that does not parse
    /// silently dropped.
    @Test func aBrokenFileIsReportedNotMeasured() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try DiffCommandTests.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try DiffCommandTests.edit(repository, "midmarket-saas.icp.yaml") { $0.replacingOccurrences(of: "    mode: filter\n    in: [EMEA", with: "    mode: filtre\n    in: [EMEA") }
        try DiffCommandTests.edit(repository, "enterprise.icp.yaml") { "parameters: [\n" + $0 }
        let result = try CLIEndToEndTests.icp(["diff", "main", "--format", "json"], in: repository)
        #expect(result.status == 1, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let broken = try #require(document["broken"] as? [[String: Any]])
        #expect(Set(broken.compactMap { $0["file"] as? String }) == ["midmarket-saas.icp.yaml", "enterprise.icp.yaml"], "\(broken)")
        let measured = (document["icps"] as? [[String: Any]] ?? []).compactMap { $0["icp"] as? String }
        #expect(!measured.contains("midmarket-saas") && !measured.contains("enterprise"), "\(measured)")
        #expect(result.stderr.contains("midmarket-saas.icp.yaml is broken in the head"), "\(result.stderr)")
        let markdown = try CLIEndToEndTests.icp(["diff", "main", "--format", "markdown"], in: repository)
        #expect(markdown.status == 1 && markdown.stdout.contains("broken in the head"), "\(markdown.stdout)")

        // A base that does not parse: committed broken, fixed in the working tree.
        try DiffCommandTests.commit("broken", in: repository)
        try DiffCommandTests.edit(repository, "enterprise.icp.yaml") { String($0.dropFirst("parameters: [\n".count)) }
        let fixed = try CLIEndToEndTests.icp(["diff", "main", "--format", "json"], in: repository)
        #expect(fixed.status == 1 && fixed.stdout.contains("\"side\" : \"base\""), "\(fixed.stdout)")
    }

    /// `--fail-if` on a code no ICP has would never trip: said, exit 1.
    @Test func aGateOnAMisspelledCodeIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try DiffCommandTests.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let result = try CLIEndToEndTests.icp(["diff", "main~1", "--fail-if", "midmarket-sass: added > 100"], in: repository)
        #expect(result.status == 1)
        #expect(result.stderr.contains("`midmarket-sass`, which no ICP compared has as its code"), "\(result.stderr)")
    }

    /// Standard input is read in blocks under the same limit as a data file: `yes` is refused
    /// past 2 GB, within a memory limit that reading it whole would exceed.
    @Test func standardInputHasACap() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("x.icp.yaml", "icp: x\nstatus: live\nparameters:\n  - {field: y, mode: filter, exists: true}\n")
        let result = try CLIEndToEndTests.icp(["-c", "ulimit -v 3000000; yes | \"$0\" score x.icp.yaml --accounts -", CLIEndToEndTests.executable.path],
                                              in: folder, within: 300, program: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("standard input holds more than 2048 MB"), "\(result.stderr)")
    }

    /// A folder named through a link is checked where it leads; ICP files that are links are
    /// named as skipped; a folder with nothing to check is an error, not "no problems".
    @Test func linksAreFollowedOrNamedAndNothingIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("real/a.icp.yaml", "icp: a\nparameters:\n  - {field: industry, mode: filtre, is: Software}\n")
        try FileManager.default.createSymbolicLink(at: file("linked"), withDestinationURL: file("real"))
        let viaLink = try icp(["check", "linked"])
        #expect(viaLink.status == 1 && viaLink.stdout.contains("linked/a.icp.yaml:3:"), "\(viaLink.stdout) \(viaLink.stderr)")

        try FileManager.default.createDirectory(at: file("links"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: file("links/b.icp.yaml"), withDestinationURL: file("real/a.icp.yaml"))
        try write("links/c.icp.yaml", "icp: c\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        let skipped = try icp(["check", "links"])
        #expect(skipped.stderr.contains("skipped 1 ICP file that is a symbolic link: links/b.icp.yaml"), "\(skipped.stderr)")

        try FileManager.default.createDirectory(at: file("empty"), withIntermediateDirectories: true)
        let empty = try icp(["check", "empty"])
        #expect(empty.status == 1 && empty.stderr.contains("no ICP files (*.icp.yaml, *.icp.yml, *.icp.json) in empty"), "\(empty.stderr)")
        try FileManager.default.removeItem(at: file("links/c.icp.yaml"))
        let onlyLinks = try icp(["check", "links"])
        #expect(onlyLinks.status == 1 && onlyLinks.stderr.contains("1 symbolic link was not followed (links/b.icp.yaml)"), "\(onlyLinks.stderr)")
    }

    /// Under `--sensitive`, a reason that quotes a value of an identifying column (here the
    /// name, which a parameter uses) leaves the value out.
    @Test func sensitiveReportsLeaveNamesOutOfReasons() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["Zebulon Holdings", "Quixote Labs", "Yarrow Partners", "Xylo Systems"]
        try write("icp.workspace.yaml", "datasets:\n  accounts: accounts.csv\noutcome:\n  field: stage\n  won: [won]\n  lost: [lost]\n")
        try write("accounts.csv", "id,name,stage\n" + names.enumerated().map { "k\($0.offset),\($0.element),won\n" }.joined() + "k9,Acme,lost\n")
        try write("x.icp.yaml", "icp: x\nstatus: live\nparameters:\n  - {field: name, mode: filter, contains_any: [Acme]}\n")
        let open = try icp(["report", "x.icp.yaml", "--format", "json"])
        #expect(names.contains { open.stdout.contains($0) }, "the case must show names without --sensitive: \(open.stdout.prefix(400))")
        for format in ["json", "html"] {
            let hidden = try icp(["report", "x.icp.yaml", "--format", format, "--sensitive"])
            #expect(hidden.status == 0, "\(hidden.stderr)")
            #expect(!names.contains { hidden.stdout.contains($0) }, "\(format) shows a name under --sensitive")
        }
    }

    /// GitHub counts Unicode scalars: a description of stacked accents that is few grapheme
    /// clusters but millions of scalars still gives a comment under the limit.
    @Test func theCommentLimitCountsScalars() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try DiffCommandTests.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let accents = String(repeating: "e" + String(repeating: "\u{301}", count: 30), count: 60_000)
        try DiffCommandTests.edit(repository, "midmarket-saas.icp.yaml") { $0.replacingOccurrences(of: "name: Mid-market SaaS", with: "name: Mid-market SaaS\ndescription: \"\(accents)\"") }
        let result = try CLIEndToEndTests.icp(["diff", "main", "--format", "markdown"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.unicodeScalars.count <= 65_535, "\(result.stdout.unicodeScalars.count) scalars")
        #expect(result.stdout.contains("midmarket-saas"))
    }

    /// `--sample all` shows every sample (and says nothing was cut) when the comment fits.
    @Test func sampleAllShowsThemAll() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try DiffCommandTests.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let result = try CLIEndToEndTests.icp(["diff", "main", "--format", "markdown", "--sample", "all"], in: repository)
        let summary = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("<details><summary>added: ") }, "\(result.stdout)")
        let parts = summary.dropFirst("<details><summary>added: ".count).split(separator: " ")
        #expect(parts.count >= 3 && parts[0] == parts[2].prefix(while: \.isNumber), "\(summary)")
        #expect(!result.stdout.contains("Samples cut"))
    }

    /// Two accounts with the name given: said, with their keys, rather than one picked.
    @Test func anAmbiguousNameIsAQuestion() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("icp.workspace.yaml", "datasets:\n  accounts: accounts.csv\n")
        try write("accounts.csv", "id,name,industry\n" + (1...30).map { "k\($0),Company \($0),Software\n" }.joined() + "k31,Twin,Software\nk32,Twin,Retail\n")
        try write("x.icp.yaml", "icp: x\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        let result = try icp(["explain", "x.icp.yaml", "--record", "twin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("2 accounts have name `twin`: `k31`, `k32`"), "\(result.stderr)")
    }

    /// `--columns` names a column once, and not one the output has already.
    @Test func extraColumnsAreNotRepeated() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("icp.workspace.yaml", "datasets:\n  accounts: accounts.csv\n")
        try write("accounts.csv", "id,name,industry\nk1,A,Software\nk2,B,Software\n")
        try write("x.icp.yaml", "icp: x\nstatus: live\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        let result = try icp(["score", "--columns", "id,name,name,icp_code"])
        #expect(result.stdout.split(separator: "\n").first == "id,icp_code,icp_score,icp_tier,name", "\(result.stdout)")
    }

    /// A review comment names paths from the repository's top, not the machine's folders.
    @Test func reviewPathsAreFromTheRepository() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = try DiffCommandTests.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let result = try CLIEndToEndTests.icp(["diff", "main", "--format", "markdown", ".."], in: repository.appendingPathComponent("sub"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(repository.path) && !result.stdout.contains("/tmp/"), "\(result.stdout)")
        #expect(result.stdout.contains("`midmarket-saas.icp.yaml`"))
    }
}
