import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `icp diff`: the ICPs at a git revision against the working tree (or two revisions), both
/// evaluated on the working tree's data, compared account by account.
public struct DiffRun: Sendable {
    /// One ICP on either side.
    public struct Entry: Sendable {
        public let code: String
        /// Its file, as shown (the head's, else the base's).
        public let path: String
        public let comparison: ICPComparison
        public let base: ICP?
        public let head: ICP?
        public let baseText: String?
        public let headText: String?
        /// The data both sides were evaluated on.
        public let data: EvaluationData
        /// Each side's evaluation, as the comparison was made (the base on its own settings).
        public let baseEvaluation: ICPEvaluation?
        public let headEvaluation: ICPEvaluation?
    }

    /// An ICP file on one side that cannot be measured: figures from a file with errors would
    /// describe an ICP nobody wrote.
    public struct BrokenFile: Sendable {
        /// Its code, when it has one.
        public let code: String?
        public let path: String
        /// `base` or `head`.
        public let side: String
        /// Its errors, `line N: message`, the first few.
        public let errors: [String]
    }

    /// What the base is: `origin/main` at its merge-base with HEAD, and that commit.
    public let baseName: String
    public let baseCommit: GitRepository.Commit
    /// The working tree, or the head revision.
    public let headName: String
    public let headCommit: GitRepository.Commit?
    public let entries: [Entry]
    /// Things the reader should know: settings that differ between the sides, paths that do not exist.
    public let notes: [String]
    /// ICP files that have errors (or cannot be read) on a side: their ICPs are not measured.
    public let broken: [BrokenFile]
    /// The content hash of each data file, as read: outputs name the data by it.
    public let dataHashes: [URL: String]
    /// Accounts whose workspace code changes (`midmarket-saas→none`), across the live ICPs of each dataset.
    public let codeChanges: [String: Int]

    /// `revisions`: nil (the merge-base of HEAD with the default branch), `REV` (that revision
    /// against the working tree) or `A..B` (two revisions).
    public static func run(revisions: String?, paths: [String], currentFolder: URL, today: CalendarDate, access: DataAccess = DataAccess(),
                           fileSystem: any FileSystem = LocalFileSystem()) async throws(GitRepository.Failure) -> DiffRun {
        let repository = try await GitRepository.containing(currentFolder)
        var baseName: String
        var baseRevision: String
        var headRevision: String?
        if let revisions, let range = revisions.firstRange(of: "..") {
            baseRevision = String(revisions[..<range.lowerBound])
            headRevision = String(revisions[range.upperBound...])
            baseName = baseRevision
        } else if let revisions {
            baseRevision = revisions
            baseName = revisions
        } else {
            let branch = try await repository.defaultBranch()
            baseRevision = try await repository.mergeBase(with: branch)
            baseName = "\(branch) (merge-base with HEAD)"
        }
        let baseCommit = try await repository.commit(baseRevision)
        baseRevision = baseCommit.hash
        var headCommit: GitRepository.Commit?
        if let revision = headRevision {
            let commit = try await repository.commit(revision)
            headCommit = commit
            headRevision = commit.hash
        }
        let selection = FileSelection(paths: paths, currentFolder: currentFolder, fileSystem: fileSystem)
        // Paths from the repository's top folder, whatever folder icp ran in: a review comment
        // names no folder of the machine that wrote it.
        let show = { (url: URL) -> String in
            let relative = repository.path(of: url)
            return relative.hasPrefix("/") ? "\(url.lastPathComponent) (outside the repository)" : relative
        }
        let folders = (paths.isEmpty ? ["."] : paths).map { URL(fileURLWithPath: $0, relativeTo: selection.base).standardizedFileURL }

        // The ICP files of each side, and their texts; files in submodules are another repository's.
        var broken: [BrokenFile] = []
        var submodules: [URL] = []
        func icpFiles(at revision: String, side: String) async throws(GitRepository.Failure) -> [URL: String] {
            var texts: [URL: String] = [:]
            for folder in folders {
                let tree = try await repository.tree(at: revision, under: folder)
                submodules += tree.submodules
                for (file, size) in tree.files where ICPFileName.matches(file.lastPathComponent) || file == folder {
                    guard size <= ICPDocument.maximumSize else {
                        broken.append(BrokenFile(code: nil, path: show(file), side: side,
                                                 errors: ["is \(CountFormat.grouped(size)) bytes at \(revision.prefix(10)); icp reads ICP files up to \(ICPDocument.maximumSize / 1_048_576) MB"]))
                        continue
                    }
                    if let text = await repository.text(of: file, at: revision) { texts[file] = text }
                }
            }
            return texts
        }
        let baseTexts = try await icpFiles(at: baseRevision, side: "base")
        var headTexts: [URL: String] = [:]
        var notes: [String] = headRevision == nil ? selection.problems : []
        if let headRevision {
            headTexts = try await icpFiles(at: headRevision, side: "head")
        } else {
            if let head = try? await repository.tree(at: "HEAD", under: repository.root) { submodules += head.submodules }
            // A scratch folder git ignores is no part of the change under review; a new file not
            // yet added is, and is named as such.
            var ignored = Set<URL>(), untracked = Set<URL>()
            for folder in folders {
                let found = await repository.untracked(under: folder)
                ignored.formUnion(found.ignored)
                untracked.formUnion(found.new)
            }
            let files = selection.icpFiles.filter { file in !submodules.contains { file.path.hasPrefix($0.path + "/") } }
            let left = files.filter { ignored.contains($0.standardizedFileURL) }
            if !left.isEmpty {
                notes.append("left out, as git ignores them: \(left.map(show).sorted().joined(separator: ", "))")
            }
            let new = files.filter { untracked.contains($0.standardizedFileURL) }
            if !new.isEmpty {
                notes.append("not yet tracked by git (measured as they are on disk): \(new.map(show).sorted().joined(separator: ", "))")
            }
            for file in files where !ignored.contains(file.standardizedFileURL) {
                do {
                    headTexts[file] = try fileSystem.readSource(file).text
                } catch {
                    broken.append(BrokenFile(code: nil, path: show(file), side: "head", errors: ["cannot be read: \(error)"]))
                }
            }
        }

        // Each side's workspace: the head's from the working tree, the base's from the base revision.
        let session = WorkspaceSession(fileSystem: fileSystem, access: access, clock: { today }, display: show)
        func document(_ text: String, _ file: URL) -> ICPDocument { ICPDocument(text: text, format: SourceFormat(fileName: file.lastPathComponent)) }
        var baseWorkspaces: [URL: Workspace] = [:]
        func baseWorkspace(for file: URL) async -> Workspace {
            let head = session.workspace(for: file)
            guard let root = head.root else { return head }
            if let known = baseWorkspaces[root] { return known }
            let text = await repository.text(of: root.appendingPathComponent(WorkspaceKey.fileName), at: baseRevision)
            let workspace = text.map { Workspace(root: root, document: WorkspaceDocument(text: $0), source: nil) } ?? head
            if let text, text != head.document?.source.text {
                if WorkspaceDocument(text: text).config.settings != head.config.settings {
                    notes.append("\(show(root.appendingPathComponent(WorkspaceKey.fileName))) changed: each side uses its own settings")
                }
            }
            baseWorkspaces[root] = workspace
            return workspace
        }

        struct Side {
            let file: URL
            let text: String
            let icp: ICP
        }
        // Each side's ICPs by code; a file with errors, or whose code another file of its side
        // uses, is broken, and its code is not measured on either side.
        func sides(_ texts: [URL: String], side: String) async -> [String: Side] {
            var byCode: [String: Side] = [:]
            for (file, text) in texts.sorted(by: { $0.key.path < $1.key.path }) {
                let parsed = document(text, file)
                let workspace = side == "base" ? await baseWorkspace(for: file) : session.workspace(for: file)
                var errors = parsed.check(in: workspace.checkContext(today: today)).filter { $0.severity == .error }.map { diagnostic in
                    "line \(diagnostic.range.start.line + 1): \(diagnostic.message)"
                }
                let code = parsed.icp?.code?.value
                if errors.isEmpty, let code, let first = byCode[code] {
                    errors.append("its code `\(code)` is also used by \(show(first.file))")
                }
                guard errors.isEmpty, let icp = parsed.icp, let code else {
                    broken.append(BrokenFile(code: code, path: show(file), side: side,
                                             errors: Array((errors.isEmpty ? ["it is not an ICP (no `icp` code)"] : errors).prefix(5))))
                    continue
                }
                byCode[code] = Side(file: file, text: text, icp: icp)
            }
            return byCode
        }
        var bases = await sides(baseTexts, side: "base"), heads = await sides(headTexts, side: "head")
        // A broken file's ICP is left out on both sides: by its code, and by its path (a file
        // that no longer parses has no code, but its base still has one).
        let brokenCodes = Set(broken.compactMap(\.code)), brokenPaths = Set(broken.map(\.path))
        bases = bases.filter { !brokenCodes.contains($0.key) && !brokenPaths.contains(show($0.value.file)) }
        heads = heads.filter { !brokenCodes.contains($0.key) && !brokenPaths.contains(show($0.value.file)) }
        var entries: [Entry] = []
        var scoring: [ObjectIdentifier: (engine: Engine, base: [WorkspaceScoring.Entry], head: [WorkspaceScoring.Entry])] = [:]
        for code in Set(bases.keys).union(heads.keys).sorted() {
            let base = bases[code], head = heads[code]
            let file = (head ?? base)!.file
            // Both sides run on the working tree's data, each with its own workspace settings.
            let headData = head.map { session.data(for: $0.icp, at: $0.file) }
            let workspace = await baseWorkspace(for: file)
            let baseData = base.map { session.provider.data(for: $0.icp, file: $0.file, workspace: workspace) }
            guard let data = (try? headData?.get()) ?? (try? baseData?.get()) else {
                let failure = (headData ?? baseData).flatMap { result -> String? in if case .failure(let failure) = result { failure.error.description } else { nil } }
                notes.append("\(show(file)): \(failure ?? "its data cannot be read")")
                continue
            }
            // The base is evaluated on its own settings' engine when it has the same rows, else on the head's.
            let baseEngine = (try? baseData?.get()).map(\.engine).flatMap { $0.accounts.rowCount == data.engine.accounts.rowCount ? $0 : nil } ?? data.engine
            if let other = try? baseData?.get(), other.files != data.files {
                notes.append("\(code): the base's dataset (\(other.datasetName)) is not the head's (\(data.datasetName)); both are measured on \(data.datasetName)")
            }
            let baseEvaluation = base.map { (icp: $0.icp, evaluation: baseEngine.evaluate($0.icp)) }
            let headEvaluation = head.map { (icp: $0.icp, evaluation: data.engine.evaluate($0.icp)) }
            let comparison = ICPComparison.compare(base: baseEvaluation, head: headEvaluation, engine: data.engine)
            entries.append(Entry(code: code, path: show(file), comparison: comparison, base: base?.icp, head: head?.icp,
                                 baseText: base?.text, headText: head?.text, data: data,
                                 baseEvaluation: baseEvaluation?.evaluation, headEvaluation: headEvaluation?.evaluation))
            var group = scoring[ObjectIdentifier(data.engine), default: (data.engine, [], [])]
            if let baseEvaluation { group.base.append(WorkspaceScoring.Entry(icp: baseEvaluation.icp, evaluation: baseEvaluation.evaluation)) }
            if let headEvaluation { group.head.append(WorkspaceScoring.Entry(icp: headEvaluation.icp, evaluation: headEvaluation.evaluation)) }
            scoring[ObjectIdentifier(data.engine)] = group
        }
        var codeChanges: [String: Int] = [:]
        for group in scoring.values {
            let rows = group.engine.accounts.rowCount
            let before = WorkspaceScoring.assign(group.base, rowCount: rows), after = WorkspaceScoring.assign(group.head, rowCount: rows)
            for row in 0..<rows where before[row].code != after[row].code {
                codeChanges["\(before[row].code ?? "none")→\(after[row].code ?? "none")", default: 0] += 1
            }
        }
        return DiffRun(baseName: baseName, baseCommit: baseCommit, headName: headCommit.map { "\(headRevision ?? "") (\($0.short))" } ?? "the working tree",
                       headCommit: headCommit, entries: entries, notes: notes, broken: broken,
                       dataHashes: Dictionary(entries.flatMap(\.data.files).compactMap { file in session.provider.stamp(of: file).map { (file, $0.contentHash) } },
                                              uniquingKeysWith: { first, _ in first }),
                       codeChanges: codeChanges)
    }
}

extension WorkspaceConfig {
    /// Every setting, written out, to tell whether two workspace files mean the same (their
    /// comments and layout aside).
    var settings: String {
        let fields = self.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.type.rawValue)\($0.value.separator ?? "")" }
        return [accounts?.value ?? "", contacts?.value ?? "", accountIDField, contactAccountField, createdField ?? "", "\(String(describing: outcome))",
                asOf?.description ?? "", missingValues.joined(separator: "|"), fields.joined(separator: ","), "\(checks)"].joined(separator: "\n")
    }
}
