import ICPLanguage
/// Per account, the two live ICPs of a set that would take it first (format.md, Evaluation:
/// the lowest `priority`, then the higher score, then the code): what the `shadowed` check of
/// any one ICP of the set, edited or not, needs to know of all the others.
///
/// Built once per set in one pass over each ICP's qualifying accounts, so checking n ICPs
/// costs the sum of what they qualify rather than n times the whole set.
public struct RivalRanking: Sendable {
    public let entries: [WorkspaceScoring.Entry]
    /// Indices into `entries`, -1 where fewer ICPs qualify the account.
    private let first: [Int32]
    private let second: [Int32]

    public init(_ entries: [WorkspaceScoring.Entry], rowCount: Int) {
        self.entries = entries
        var first = [Int32](repeating: -1, count: rowCount)
        var second = [Int32](repeating: -1, count: rowCount)
        for (index, entry) in entries.enumerated() where entry.assignsCodes {
            entry.evaluation.qualified.forEach { row in
                let top = Int(first[row])
                if top < 0 {
                    first[row] = Int32(index)
                } else if WorkspaceScoring.wins(entry, row: row, over: entries[top]) {
                    second[row] = first[row]
                    first[row] = Int32(index)
                } else if second[row] < 0 || WorkspaceScoring.wins(entry, row: row, over: entries[Int(second[row])]) {
                    second[row] = Int32(index)
                }
            }
        }
        self.first = first
        self.second = second
    }

    /// The entry that takes `row` first once `excluded` is left out of the set; nil when none qualifies it.
    public func best(at row: Int, excluding excluded: Int?) -> Int? {
        let top = Int(first[row])
        if top >= 0, top != excluded { return top }
        let next = Int(second[row])
        return next >= 0 && next != excluded ? next : nil
    }
}
