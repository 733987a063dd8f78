/// Which file names hold ICPs (format.md, ICP files): `*.icp.yaml`, `*.icp.yml`, `*.icp.json`, any case.
public enum ICPFileName {
    public static let suffixes = [".icp.yaml", ".icp.yml", ".icp.json"]

    /// A YAML or JSON file by its name: what `icp check` reads when named directly, whatever the rest of the name.
    public static func isYAMLOrJSON(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return [".yaml", ".yml", ".json"].contains { lowered.hasSuffix($0) }
    }

    public static func matches(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return suffixes.contains { lowered.hasSuffix($0) && lowered.count > $0.count }
    }
}
