import FoundationEssentials

/// When each ICP file last changed, by git: the last commit that touched it, and whether the
/// file on disk differs from it. Nothing outside a repository. Git runs with a fixed
/// configuration (``GitCommand``).
public struct FileHistory: Sendable {
    public struct Change: Encodable, Sendable, Equatable {
        public let date: String
        public let author: String
        public let commit: String
        /// The file on disk differs from that commit.
        public let uncommitted: Bool

        /// `2026-10-15` or `modified, not committed`.
        public var modified: String { uncommitted ? "modified, not committed" : date }
    }

    private var repositories: [URL: GitRepository?] = [:]
    private let fileSystem: any FileSystem

    /// `fileSystem`: where the files' texts now are read.
    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public mutating func lastChange(of file: URL) async -> Change? {
        let folder = file.deletingLastPathComponent()
        if repositories[folder] == nil { repositories[folder] = .some(try? await GitRepository.containing(folder)) }
        guard let repository = repositories[folder] ?? nil else { return nil }
        guard let (commit, modified) = await repository.lastChange(of: file, onDisk: try? fileSystem.readSource(file).text) else {
            return Change(date: "", author: "", commit: "", uncommitted: true)
        }
        return Change(date: commit.date, author: commit.author, commit: commit.hash, uncommitted: modified)
    }
}
