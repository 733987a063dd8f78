/// The version of the `icp` tool, shown by `icp --version` and in SARIF output.
public enum ToolVersion {
    public static let current = "0.1.0"
}
