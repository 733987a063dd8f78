/// The version of the `icp` tool, shown by `icp --version`, in SARIF output and to editors.
///
/// Releases are tagged `v` + ``number`` (semantic versioning; CHANGELOG.md says what each
/// changed). `Scripts/release.sh` writes the commit it builds into ``BuildCommit``; a build
/// from source says so instead.
public enum ToolVersion {
    public static let number = "0.1.0"

    /// `0.1.0`, or `0.1.0 (commit 1a2b3c4d5e6f)` for a release build.
    public static var current: String {
        BuildCommit.hash.map { "\(number) (commit \($0))" } ?? number
    }

    /// What `icp --version` prints: the version and where the binary comes from.
    public static var description: String {
        BuildCommit.hash.map { "icp \(number) (commit \($0))" } ?? "icp \(number) (built from source)"
    }
}
