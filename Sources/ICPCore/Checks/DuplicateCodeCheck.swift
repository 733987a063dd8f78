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
                // At most five others by name: a code shared by thousands of files costs no more per file.
                let others = indices.lazy.filter { $0 != index }.prefix(5).map { "\(members[$0].name):\(members[$0].code.range.start.line + 1)" }
                let more = indices.count - 1 > 5 ? " and \(indices.count - 6) more" : ""
                result[index] = Diagnostic(.duplicateCode, members[index].code.range, "The ICP code `\(code)` is also used by \(others.joined(separator: ", "))\(more); codes must be unique in a workspace, so rename one.")
            }
        }
        return result
    }
}
