/// `duplicate-code` across the ICP files of one workspace (format.md, ICP files: codes are unique in a workspace).
public enum DuplicateCodeCheck {
    /// One ICP of the workspace: a name for messages (a path) and its code.
    public struct Member: Sendable {
        public var name: String
        public var code: Located<String>

        public init(name: String, code: Located<String>) {
            self.name = name
            self.code = code
        }
    }

    /// For each member whose code another member shares, an error naming the others; keyed by member index.
    public static func run(on members: [Member]) -> [Int: Diagnostic] {
        let groups = Dictionary(grouping: members.indices, by: { members[$0].code.value })
        var result: [Int: Diagnostic] = [:]
        for (code, indices) in groups where indices.count > 1 {
            for index in indices {
                let others = indices.filter { $0 != index }.map { "\(members[$0].name):\(members[$0].code.range.start.line + 1)" }
                result[index] = Diagnostic(.duplicateCode, members[index].code.range, "The ICP code `\(code)` is also used by \(others.joined(separator: ", ")); codes must be unique in a workspace, so rename one.")
            }
        }
        return result
    }
}
