/// Which file names hold ICPs (SPEC §2): `*.icp.yaml`, `*.icp.yml`, `*.icp.json`, any case.
public enum ICPFileName {
    public static let suffixes = [".icp.yaml", ".icp.yml", ".icp.json"]

    public static func matches(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return suffixes.contains { lowered.hasSuffix($0) && lowered.count > $0.count }
    }
}
