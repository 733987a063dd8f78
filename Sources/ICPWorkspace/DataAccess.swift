/// How far a run may reach for data, and whether it may use the dataset cache: the user's own
/// command-line or editor settings, the same for every command and the language server.
public struct DataAccess: Sendable, Equatable {
    /// Dataset paths may lead outside the workspace folder.
    public var allowOutsideWorkspace: Bool
    /// Datasets may be read from (and saved to) the on-disk cache; false reads every data file.
    public var useCache: Bool

    public init(allowOutsideWorkspace: Bool = false, useCache: Bool = true) {
        self.allowOutsideWorkspace = allowOutsideWorkspace
        self.useCache = useCache
    }
}
