import Foundation
import Synchronization
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset
@testable import ICPWorkspace

/// Files held in memory: a session runs on it as on the disk, and counts what it reads.
final class MemoryFileSystem: FileSystem {
    private let files: Mutex<[String: String]>
    private let sourceReads = Mutex(0)

    init(_ files: [String: String]) {
        self.files = Mutex(files)
    }

    var reads: Int { sourceReads.withLock { $0 } }

    func write(_ path: String, _ text: String?) { files.withLock { $0[path] = text } }

    func readSource(_ url: URL) throws -> SourceFile {
        sourceReads.withLock { $0 += 1 }
        guard let text = files.withLock({ $0[url.path] }) else { throw CocoaError(.fileNoSuchFile) }
        return SourceFile(url: url, text: text, encodingDiagnostic: nil)
    }

    func fileExists(_ url: URL) -> Bool { files.withLock { $0[url.path] != nil } }

    /// A folder is any path some file lies under.
    func isFolder(_ url: URL) -> Bool? {
        let prefix = url.path.hasSuffix("/") ? url.path : url.path + "/"
        return files.withLock { files in files[url.path] != nil ? false : (files.keys.contains { $0.hasPrefix(prefix) } ? true : nil) }
    }

    func scan(_ folder: URL) -> FolderScan {
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        let paths = files.withLock { Array($0.keys) }.filter { $0.hasPrefix(prefix) && ICPFileName.matches(URL(fileURLWithPath: $0).lastPathComponent) }
        return FolderScan(icpFiles: paths.sorted().map { URL(fileURLWithPath: $0) })
    }

    func icpFiles(in folder: URL) -> [URL] {
        scan(folder).icpFiles.filter { $0.deletingLastPathComponent().standardizedFileURL == folder.standardizedFileURL }
    }

    func resolvingSymlinks(_ url: URL) -> URL { url }

    func readDataset(_ load: FileLoad, useCache: Bool, progress: LoadProgress?) -> LoadedFile {
        guard let text = files.withLock({ $0[load.url.path] }) else {
            return LoadedFile(load: load, result: .failure(DatasetError(file: load.name, line: nil, message: "does not exist.")), stamp: nil)
        }
        do {
            return LoadedFile(load: load, result: .success(try DatasetLoader.load(Array(text.utf8), name: load.name, format: .csv, options: load.options)), stamp: nil)
        } catch {
            return LoadedFile(load: load, result: .failure(error), stamp: nil)
        }
    }

    func isCurrent(_ file: LoadedFile) -> Bool { true }

    /// Not SHA-256: a stand-in that names the text by its length and FNV-1a.
    func contentHash(of url: URL) throws -> (bytes: Int, hex: String) {
        guard let text = files.withLock({ $0[url.path] }) else { throw CocoaError(.fileNoSuchFile) }
        let hash = text.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return (text.utf8.count, String(hash, radix: 16))
    }
}

/// The analysis layer on files held in memory: lookup, the index of codes, open texts over the
/// disk, and the checks a file gets.
struct WorkspaceSessionTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 30)!

    static func files() -> MemoryFileSystem {
        MemoryFileSystem([
            "/w/icp.workspace.yaml": "datasets:\n  accounts: accounts.csv\n",
            "/w/accounts.csv": "id,industry,employees\na1,Software,120\na2,Retail,40\na3,Software,900\n",
            "/w/one.icp.yaml": "icp: one\nparameters:\n  - {field: industry, mode: filter, is: Software}\n",
            "/w/sub/two.icp.yaml": "icp: two\nparameters:\n  - {field: employees, mode: filter, min: 100}\n",
            "/w/nested/icp.workspace.yaml": "datasets:\n  accounts: ../accounts.csv\n",
            "/w/nested/one.icp.yaml": "icp: one\nparameters:\n  - {field: industry, mode: filter, is: Retail}\n",
        ])
    }

    @Test func aWorkspaceIsFoundAndItsFilesIndexedWithoutTheDisk() throws {
        let fileSystem = Self.files()
        let session = WorkspaceSession(fileSystem: fileSystem, clock: { Self.today })
        let file = URL(fileURLWithPath: "/w/sub/two.icp.yaml")
        #expect(session.workspace(for: file).root?.path == "/w")
        // A nested workspace's files are its own: `one` is used once in /w, once in /w/nested.
        #expect(session.members(sharingWorkspaceWith: file).map(\.code.value) == ["one", "two"])
        #expect(session.freeCode(base: "one", near: file) == "one-2")
        let analysis = session.analysis(of: ICPDocument(text: "icp: two\nparameters:\n  - {field: employees, mode: filter, min: 100}\n", format: .yaml), at: file, readsData: true)
        #expect(analysis.evaluation?.qualifiedCount == 2)
        #expect(!analysis.diagnostics.contains { $0.code == .duplicateCode })
    }

    /// An open text wins over the disk: a code typed in an editor clashes with a closed file's.
    @Test func anOpenTextOverTheDiskGivesDuplicateCode() throws {
        let session = WorkspaceSession(fileSystem: Self.files(), clock: { Self.today })
        let file = URL(fileURLWithPath: "/w/sub/two.icp.yaml")
        let typed = ICPDocument(text: "icp: one\nparameters:\n  - {field: employees, mode: filter, min: 100}\n", format: .yaml)
        session.setOpen(typed, at: file)
        let duplicate = try #require(session.analysis(of: typed, at: file, readsData: true).diagnostics.first { $0.code == .duplicateCode })
        #expect(duplicate.message.contains("/w/one.icp.yaml"))
    }

    /// Without `readsData`, data not read yet is listed, and only the checks needing no data run.
    @Test func dataNotReadIsListedNotRead() throws {
        let session = WorkspaceSession(fileSystem: Self.files(), clock: { Self.today })
        let file = URL(fileURLWithPath: "/w/one.icp.yaml")
        let document = ICPDocument(text: "icp: one\nparameters:\n  - {field: industy, mode: filter, is: Software}\n", format: .yaml)
        let waiting = session.analysis(of: document, at: file, readsData: false)
        #expect(waiting.waitingFor.map(\.url.path) == ["/w/accounts.csv"])
        #expect(!waiting.diagnostics.contains { $0.code == .unknownField })
        let read = session.analysis(of: document, at: file, readsData: true)
        #expect(read.waitingFor.isEmpty && read.diagnostics.contains { $0.code == .unknownField })
    }

    /// Files changed on disk are looked up again once forgotten; until then the index stands.
    @Test func forgettingFilesReadsThemAgain() throws {
        let fileSystem = Self.files()
        let session = WorkspaceSession(fileSystem: fileSystem, clock: { Self.today })
        let file = URL(fileURLWithPath: "/w/one.icp.yaml")
        _ = session.members(sharingWorkspaceWith: file)
        let reads = fileSystem.reads
        _ = session.members(sharingWorkspaceWith: file)
        #expect(fileSystem.reads == reads, "the index is kept")
        fileSystem.write("/w/three.icp.yaml", "icp: three\nparameters:\n  - {field: industry, mode: filter, is: Retail}\n")
        session.forgetFiles()
        #expect(session.members(sharingWorkspaceWith: file).map(\.code.value) == ["one", "two", "three"], "by path")
    }
}

extension WorkspaceSessionTests {
    /// A builder's text is checked as the new file it will be: a code another file uses is found
    /// though the new file is neither open nor on disk, and so is a data error.
    @Test func aNewFilesTextIsCheckedAgainstItsWorkspace() throws {
        let session = WorkspaceSession(fileSystem: Self.files(), clock: { Self.today })
        let file = URL(fileURLWithPath: "/w/new.icp.yaml")
        let clashing = session.checkedNewFile("icp: one\nparameters:\n  - {field: industry, mode: filter, is: Software}\n", format: .yaml, at: file)
        #expect(clashing.icp == nil && clashing.errors.map(\.code) == [.duplicateCode])
        let unknown = session.checkedNewFile("icp: fresh\nparameters:\n  - {field: industy, mode: filter, is: Software}\n", format: .yaml, at: file)
        #expect(unknown.errors.map(\.code) == [.unknownField])
        let clean = session.checkedNewFile("icp: fresh\nparameters:\n  - {field: industry, mode: filter, is: Software}\n", format: .yaml, at: file)
        #expect(clean.icp?.code?.value == "fresh" && clean.errors.isEmpty)
    }
}

/// The command runs ask the session and its file system for every read: on files held only in
/// memory, a run that read the disk anywhere would find nothing.
struct InMemoryRunTests {
    @Test func previewCheckAndBuildersRunOnFilesHeldInMemory() throws {
        let fileSystem = WorkspaceSessionTests.files()
        let folder = URL(fileURLWithPath: "/w")
        let run = EvaluationRun.run(paths: ["."], today: WorkspaceSessionTests.today, currentFolder: folder, fileSystem: fileSystem)
        #expect(run.problems.isEmpty, "\(run.problems)")
        let counts = run.files.map { file in (file.path, (try? file.result.get())?.evaluation.qualifiedCount ?? -1) }
        #expect(counts.map(\.0) == ["nested/one.icp.yaml", "one.icp.yaml", "sub/two.icp.yaml"])
        // The nested workspace's data lies outside its folder: refused, as on disk.
        #expect(counts.map(\.1) == [-1, 2, 2])
        #expect(run.files[0].result.failure?.description.contains("outside the workspace folder") == true)
        // `one` and `two` share the workspace's data: each has the other as its overlap.
        #expect(run.files[1].overlap?.map(\.icp) == ["two"])

        let check = CheckRun.run(paths: ["."], today: WorkspaceSessionTests.today, currentFolder: folder, fileSystem: fileSystem)
        #expect(check.reports.count == 4, "\(check.reports.map(\.path))")

        let session = WorkspaceSession(fileSystem: fileSystem, clock: { WorkspaceSessionTests.today })
        let draft = try session.draft("software companies with at least 100 employees", at: URL(fileURLWithPath: "/w/draft.icp.yaml")).get()
        #expect(draft.preview.qualified == 2 && draft.preview.total == 3, "\(draft.text)")
        let refined = try session.refine(try fileSystem.readSource(URL(fileURLWithPath: "/w/sub/two.icp.yaml")).text, at: URL(fileURLWithPath: "/w/sub/two.icp.yaml"),
                                         instruction: "raise the employee floor to 500").get()
        #expect(refined.before?.qualified == 2 && refined.after?.qualified == 1)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
