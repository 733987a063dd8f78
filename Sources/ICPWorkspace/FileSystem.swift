import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file access of a workspace session: ICP and workspace files, folder listings, data
/// files. The language server's actor never calls it (its reads run in the background), and
/// tests replace it to count reads or to hold one back.
public protocol FileSystem: Sendable {
    /// An ICP or workspace file's text (a regular file of bounded size).
    func readSource(_ url: URL) throws -> SourceFile
    func fileExists(_ url: URL) -> Bool
    /// Whether `url` is a folder (following links); nil when nothing is there.
    func isFolder(_ url: URL) -> Bool?
    /// The ICP files under a folder, recursively, and the files passed over there.
    func scan(_ folder: URL) -> FolderScan
    /// The ICP files directly in a folder.
    func icpFiles(in folder: URL) -> [URL]
    /// The path with symbolic links resolved.
    func resolvingSymlinks(_ url: URL) -> URL
    /// Reads a data file: its columns or why not, and its stamp.
    func readDataset(_ load: FileLoad, useCache: Bool, progress: LoadProgress?) -> LoadedFile
    /// Whether a data file is still what was read (same stamp).
    func isCurrent(_ file: LoadedFile) -> Bool
    /// A file's size and SHA-256 (`icp report` names its inputs by them).
    func contentHash(of url: URL) throws -> (bytes: Int, hex: String)
}

/// What a folder holds for icp, recursively (hidden folders, `.build` and `node_modules` aside).
public struct FolderScan: Sendable {
    public var icpFiles: [URL]
    /// YAML and JSON files not named as ICP files (nor the workspace file): not read.
    public var passedOver: [URL]
    /// Files named as ICP files that are symbolic links: not followed inside a folder, where a
    /// link could lead anywhere (naming one checks it).
    public var links: [URL]
    /// The workspace files, at any depth.
    public var workspaceFiles: [URL]

    public init(icpFiles: [URL] = [], passedOver: [URL] = [], links: [URL] = [], workspaceFiles: [URL] = []) {
        self.icpFiles = icpFiles
        self.passedOver = passedOver
        self.links = links
        self.workspaceFiles = workspaceFiles
    }
}

/// The disk.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func readSource(_ url: URL) throws -> SourceFile {
        try SourceFile.read(url)
    }

    public func fileExists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }

    public func isFolder(_ url: URL) -> Bool? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    public func scan(_ folder: URL) -> FolderScan {
        var found = FolderScan()
        // Hidden entries are passed over, links are not followed, and build folders not entered.
        func walk(_ folder: URL) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
            for name in names where !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                var info = stat()
                guard lstat(url.path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if name != "node_modules", !name.hasPrefix(".build") { walk(url) }
                case S_IFLNK:
                    if ICPFileName.matches(name) { found.links.append(url.standardizedFileURL) }
                case S_IFREG:
                    if name == WorkspaceKey.fileName {
                        found.workspaceFiles.append(url.standardizedFileURL)
                    } else if ICPFileName.matches(name) {
                        found.icpFiles.append(url.standardizedFileURL)
                    } else if ICPFileName.isYAMLOrJSON(name) {
                        found.passedOver.append(url.standardizedFileURL)
                    }
                default:
                    continue
                }
            }
        }
        walk(folder)
        let byPath = { (a: URL, b: URL) in a.path < b.path }
        found.icpFiles.sort(by: byPath)
        found.passedOver.sort(by: byPath)
        found.links.sort(by: byPath)
        found.workspaceFiles.sort(by: byPath)
        return found
    }

    public func icpFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter(ICPFileName.matches).map { folder.appendingPathComponent($0).standardizedFileURL }.sorted { $0.path < $1.path }
    }

    public func resolvingSymlinks(_ url: URL) -> URL {
        url.resolvingSymlinksInPath()
    }

    public func readDataset(_ load: FileLoad, useCache: Bool, progress: LoadProgress?) -> LoadedFile {
        do {
            let (store, stamp) = try DatasetLoader.read(load.url, name: load.name, options: load.options, cache: useCache, progress: progress)
            return LoadedFile(load: load, result: .success(store), stamp: stamp)
        } catch {
            return LoadedFile(load: load, result: .failure(error), stamp: DatasetStamp(of: load.url, options: load.options))
        }
    }

    public func contentHash(of url: URL) throws -> (bytes: Int, hex: String) {
        try ContentHash.sha256(of: url)
    }

    public func isCurrent(_ file: LoadedFile) -> Bool {
        file.stamp != nil && DatasetStamp(of: file.load.url, options: file.load.options) == file.stamp
    }
}
