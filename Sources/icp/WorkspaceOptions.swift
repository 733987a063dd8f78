import ArgumentParser

/// The files to work on and how far their datasets may reach: shared by check, preview and score.
struct WorkspaceOptions: ParsableArguments {
    @Argument(help: "ICP files or folders (default: the current folder).")
    var paths: [String] = []

    @Flag(help: "Allow dataset paths outside the workspace folder.")
    var allowOutsideWorkspace = false
}
