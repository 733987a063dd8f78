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
        for indices in groups.values where indices.count > 1 {
            for index in indices {
                result[index] = diagnostic(for: members[index].code, firstOthers: indices.lazy.filter { $0 != index }.prefix(5).map { members[$0] },
                                           otherCount: indices.count - 1)
            }
        }
        return result
    }

    /// The error on `code` when `otherCount` members share it, the first of them (in path
    /// order) named: at most five, so a code shared by thousands of files costs no more per file.
    public static func diagnostic(for code: Located<String>, firstOthers: some Sequence<Member>, otherCount: Int) -> Diagnostic? {
        guard otherCount > 0 else { return nil }
        let named = firstOthers.prefix(5).map { "\($0.name):\($0.code.range.start.line + 1)" }
        let more = otherCount > 5 ? " and \(otherCount - 5) more" : ""
        return Diagnostic(.duplicateCode, code.range, "The ICP code `\(code.value)` is also used by \(named.joined(separator: ", "))\(more); codes must be unique in a workspace, so rename one.")
    }
}
