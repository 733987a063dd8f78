import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

/// An engine over the dataset an ICP runs on, and how to name that dataset to the user.
public struct EvaluationData: Sendable {
    public let engine: Engine
    /// "data/accounts.csv", or "the built-in sample".
    public let datasetName: String
    public let onSample: Bool
    /// The data files read (none for the sample): outputs must never replace them.
    public let files: [URL]

    public init(engine: Engine, datasetName: String, onSample: Bool, files: [URL]) {
        self.engine = engine
        self.datasetName = datasetName
        self.onSample = onSample
        self.files = files
    }
}

/// A data file to read, and how.
public struct FileLoad: Sendable {
    public let url: URL
    /// How messages name it.
    public let name: String
    public let options: DatasetOptions
    /// The folder it must lie in (symbolic links resolved), and how messages name that folder;
    /// nil when files outside the workspace are allowed.
    public let confinedTo: (folder: URL, name: String)?

    /// Whether two loads read the same file the same way.
    func reads(like other: FileLoad) -> Bool {
        url.path == other.url.path && options.fingerprint == other.options.fingerprint && confinedTo?.folder.path == other.confinedTo?.folder.path
    }
}

/// A data file as read: its columns or why it could not be read, and its stamp then.
public struct LoadedFile: Sendable {
    public let load: FileLoad
    public let result: Result<ColumnStore, DatasetError>
    public let stamp: DatasetStamp?

    public init(load: FileLoad, result: Result<ColumnStore, DatasetError>, stamp: DatasetStamp?) {
        self.load = load
        self.result = result
        self.stamp = stamp
    }
}

/// A dataset that could not be used, and where to show that.
public struct DatasetFailure: Error, Sendable {
    public let error: DatasetError
    /// Where the path was given: the workspace file's `accounts`/`contacts`, or the ICP's `dataset`.
    public let givenIn: URL?
    public let range: SourceRange?
}

/// Loads datasets once per run and builds engines over them (format.md, The workspace file: paths relative to the
/// workspace file, or for an ICP's `dataset` key to the ICP file; confined to the workspace
/// folder unless allowed). With no dataset named, the built-in sample is used.
public final class DatasetProvider {
    public private(set) var today: CalendarDate
    public private(set) var access: DataAccess
    public let fileSystem: any FileSystem
    private let display: (URL) -> String
    private var stores: [String: LoadedFile] = [:]
    private var engines: [String: Result<EvaluationData, DatasetFailure>] = [:]
    private var sample: (accounts: ColumnStore, contacts: ColumnStore, config: WorkspaceConfig)?

    public init(today: CalendarDate, access: DataAccess = DataAccess(), fileSystem: any FileSystem = LocalFileSystem(), display: @escaping (URL) -> String) {
        self.today = today
        self.access = access
        self.fileSystem = fileSystem
        self.display = display
    }

    /// A new date for engines built from now on (`as_of` defaults to it); those built are dropped.
    public func setToday(_ day: CalendarDate) {
        guard day != today else { return }
        today = day
        engines.removeAll()
    }

    /// New access settings: the files read stay (they are the same bytes whatever the settings),
    /// the engines built under the old ones are dropped.
    public func setAccess(_ requested: DataAccess) {
        guard requested != access else { return }
        access = requested
        engines.removeAll()
    }

    /// Forgets the engines built over the loaded files (settings may have changed); the files stay loaded.
    public func forgetEngines() {
        engines.removeAll()
    }

    /// The data files `icp` (nil: the workspace file's own datasets) needs that are not read
    /// yet, or were read another way; `data(for:...)` reads them first. Whether a file lies
    /// outside the workspace folder is found when it is read (``read(_:fileSystem:useCache:progress:)``),
    /// which refuses it without reading: finding it takes the disk.
    public func unread(for icp: ICP?, file: URL?, workspace: Workspace) -> [FileLoad] {
        var wanted: [FileLoad] = []
        let options = DatasetOptions(config: workspace.config)
        for (icp, file) in [(icp, file), (nil, workspace.file)] {
            guard let file else { continue }
            let given = icp ?? ICP(range: SourceRange(at: .start))
            if given.dataset == nil, workspace.usesSample { continue }
            if icp == nil, !workspace.textErrors.isEmpty { continue }
            guard let accounts = Self.accounts(for: given, file: file, workspace: workspace) else { continue }
            let confinement = workspace.root ?? file.deletingLastPathComponent()
            let urls = [accounts.url] + (Self.contacts(of: workspace).map { [$0.url] } ?? [])
            wanted += urls.map { load($0, options: options, confinedTo: confinement) }
        }
        var seen = Set<String>()
        return wanted.filter { seen.insert($0.url.path).inserted && needsReading($0) }
    }

    private func load(_ url: URL, options: DatasetOptions, confinedTo folder: URL) -> FileLoad {
        FileLoad(url: url, name: display(url), options: options, confinedTo: access.allowOutsideWorkspace ? nil : (folder, display(folder)))
    }

    /// Not read yet, or read another way (other options, another confinement).
    private func needsReading(_ load: FileLoad) -> Bool {
        stores[load.url.path].map { !$0.load.reads(like: load) } ?? true
    }

    /// Reads one data file, anywhere (off the server's actor): a file outside its confinement
    /// is refused without reading.
    public static func read(_ load: FileLoad, fileSystem: any FileSystem, useCache: Bool, progress: LoadProgress? = nil) -> LoadedFile {
        if let confinement = load.confinedTo {
            let target = fileSystem.resolvingSymlinks(load.url).standardizedFileURL.path
            let base = fileSystem.resolvingSymlinks(confinement.folder).standardizedFileURL.path
            guard target.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
                let message = "is outside the workspace folder \(confinement.name); move the data inside it, or allow it explicitly (icp: --allow-outside-workspace)."
                return LoadedFile(load: load, result: .failure(DatasetError(file: load.name, line: nil, message: message)), stamp: nil)
            }
        }
        return fileSystem.readDataset(load, useCache: useCache, progress: progress)
    }

    /// Every file read so far, as it was read: to tell whether one has changed since.
    public var loadedFiles: [LoadedFile] { Array(stores.values) }

    /// Makes files read elsewhere (``FileSystem/readDataset(_:useCache:progress:)``) the data of their paths,
    /// replacing what was there; engines over the old data are dropped.
    public func install(_ files: [LoadedFile]) {
        let paths = Set(files.map(\.load.url.path))
        for file in files { stores[file.load.url.path] = file }
        engines = engines.filter { key, _ in key.split(separator: "|").allSatisfy { !paths.contains(String($0)) } }
    }

    /// The stamp of a data file as it was read (its content hash names the data in outputs);
    /// nil when it was not read.
    public func stamp(of file: URL) -> DatasetStamp? {
        stores[file.standardizedFileURL.path]?.stamp
    }

    /// Every data file `workspace` and the ICPs at `files` name, whether or not they can be read.
    public static func namedFiles(of workspace: Workspace, icps: [(file: URL, icp: ICP)]) -> [URL] {
        var named = icps.compactMap { accounts(for: $0.icp, file: $0.file, workspace: workspace)?.url }
        if let root = workspace.root, let shared = workspace.config.accounts {
            named.append(URL(fileURLWithPath: shared.value, relativeTo: root.appendingPathComponent("/")).standardizedFileURL)
        }
        if let contacts = contacts(of: workspace) { named.append(contacts.url) }
        return named
    }

    /// Where an ICP's accounts come from: its own `dataset` (relative to its file), else the
    /// workspace's `datasets.accounts` (relative to the workspace file); with where that is written.
    private static func accounts(for icp: ICP, file: URL, workspace: Workspace) -> (url: URL, range: SourceRange?, givenIn: URL?)? {
        if let own = icp.dataset {
            return (URL(fileURLWithPath: own.value, relativeTo: file.deletingLastPathComponent()).standardizedFileURL, own.range, file)
        }
        guard let shared = workspace.config.accounts, let root = workspace.root else { return nil }
        return (URL(fileURLWithPath: shared.value, relativeTo: root.appendingPathComponent("/")).standardizedFileURL, shared.range, root.appendingPathComponent(WorkspaceKey.fileName))
    }

    /// Where the workspace's contacts come from, when it names them.
    private static func contacts(of workspace: Workspace) -> (url: URL, range: SourceRange?)? {
        guard let given = workspace.config.contacts, let root = workspace.root else { return nil }
        return (URL(fileURLWithPath: given.value, relativeTo: root.appendingPathComponent("/")).standardizedFileURL, given.range)
    }

    /// The data of the workspace file's own `datasets`; nil when it names none (the built-in sample).
    public func data(for workspace: Workspace) -> Result<EvaluationData, DatasetFailure>? {
        guard let root = workspace.root, workspace.config.accounts != nil else { return nil }
        return data(for: ICP(range: SourceRange(at: .start)), file: root.appendingPathComponent(WorkspaceKey.fileName), workspace: workspace)
    }

    /// The data `icp` (read from `file`) evaluates on within `workspace`.
    public func data(for icp: ICP, file: URL, workspace: Workspace) -> Result<EvaluationData, DatasetFailure> {
        let config = workspace.config
        if icp.dataset == nil, workspace.usesSample {
            return cached("sample|\(config.asOf?.description ?? "")") { .success(sampleData(workspace: workspace)) }
        }
        let confinement = workspace.root ?? file.deletingLastPathComponent()
        guard let accounts = Self.accounts(for: icp, file: file, workspace: workspace) else {
            return .failure(DatasetFailure(error: DatasetError(file: file.path, line: nil, message: "no dataset"), givenIn: nil, range: nil))
        }
        let contacts = Self.contacts(of: workspace).map { ($0.url, $0.range) }
        let key = "\(accounts.url.path)|\(contacts?.0.path ?? "")|\(confinement.path)"
        return cached(key) {
            let options = DatasetOptions(config: config)
            // Accounts and contacts are read side by side, one core each.
            let loaded = stores([accounts.url] + (contacts.map { [$0.0] } ?? []), confinedTo: confinement, options: options)
            let accountStore: ColumnStore
            switch loaded[0] {
            case .success(let store): accountStore = store
            case .failure(let error): return .failure(DatasetFailure(error: error, givenIn: accounts.givenIn, range: accounts.range))
            }
            var contactStore: ColumnStore?
            if let contacts {
                switch loaded[1] {
                case .success(let store): contactStore = store
                case .failure(let error):
                    return .failure(DatasetFailure(error: error, givenIn: workspace.root?.appendingPathComponent(WorkspaceKey.fileName), range: contacts.1))
                }
            }
            let settings = EvaluationSettings(config: config, today: today)
            return .success(EvaluationData(engine: Engine(accounts: accountStore, contacts: contactStore, settings: settings),
                                           datasetName: display(accounts.url), onSample: false, files: [accounts.url] + (contacts.map { [$0.0] } ?? [])))
        }
    }

    private func cached(_ key: String, _ build: () -> Result<EvaluationData, DatasetFailure>) -> Result<EvaluationData, DatasetFailure> {
        if let hit = engines[key] { return hit }
        let result = build()
        engines[key] = result
        return result
    }

    private func sampleData(workspace: Workspace) -> EvaluationData {
        let sample = self.sample ?? SampleDataset.builtIn()
        self.sample = sample
        var settings = EvaluationSettings(config: sample.config, today: today)
        settings.asOf = workspace.config.asOf ?? SampleDataset.asOf
        return EvaluationData(engine: Engine(accounts: sample.accounts, contacts: sample.contacts, settings: settings),
                              datasetName: "the built-in sample", onSample: true, files: [])
    }

    /// The stores of `urls`, each read at most once per provider (again when read another way);
    /// those not read yet are read concurrently.
    private func stores(_ urls: [URL], confinedTo folder: URL, options: DatasetOptions) -> [Result<ColumnStore, DatasetError>] {
        let loads = urls.map { load($0, options: options, confinedTo: folder) }
        let useCache = access.useCache
        let fileSystem = fileSystem
        install(loads.filter(needsReading).concurrentMap { Self.read($0, fileSystem: fileSystem, useCache: useCache) })
        return loads.map { stores[$0.url.path]?.result ?? .failure(DatasetError(file: $0.name, line: nil, message: "was not read.")) }
    }
}
