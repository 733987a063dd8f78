import ArgumentParser
import ICPWorkspace

/// Where datasets may come from: shared by every command that reads data.
struct DataOptions: ParsableArguments {
    @Flag(help: "Allow dataset paths outside the workspace folder.")
    var allowOutsideWorkspace = false

    @Flag(help: "Read the data files even where the dataset cache holds them (the cache of a file over 64 MB is checked by sampled blocks, not whole).")
    var noCache = false

    var access: DataAccess { DataAccess(allowOutsideWorkspace: allowOutsideWorkspace, useCache: !noCache) }
}

/// The files to work on and how far their datasets may reach: shared by check, preview and score.
struct WorkspaceOptions: ParsableArguments {
    @Argument(help: "ICP files or folders (default: the current folder).")
    var paths: [String] = []

    @OptionGroup var data: DataOptions
}
