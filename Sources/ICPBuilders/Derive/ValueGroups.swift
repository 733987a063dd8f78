import ICPEngine

/// The values of a proposed list on a list column (tags, categories), grouped by whether accounts
/// hold them together: two values are related when at least `minimumTogether` accounts hold both
/// and that is at least twice what chance gives (`fintech` and `payments`), and groups are what
/// relations connect. A list whose values fall into separate groups, one of them of two values or
/// more, mixes kinds of account that win for different reasons (`fintech, payments` beside
/// `biotech, genomics`): one score per group would weigh them apart.
struct ValueGroups {
    static let minimumTogether = 3

    /// The groups, each in the list's order, the group of the first value first; one group when
    /// the list holds together, or when no two values are related (elements that are never
    /// combined, such as one tag per account, say nothing of groups).
    let groups: [[String]]

    init(_ categories: [Category], column: Column) {
        let count = categories.count
        let holders = categories.map { category in Set(category.codes) }
        let sizes = holders.map { codes in codes.reduce(0) { $0 + column.counts[$1] } }
        let accounts = Double(column.presentCount)
        var parent = Array(0..<count)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { index = parent[index] }
            return index
        }
        var related = false
        for first in 0..<count {
            for second in (first + 1)..<count {
                let together = holders[first].intersection(holders[second]).reduce(0) { $0 + column.counts[$1] }
                guard together >= Self.minimumTogether,
                      Double(together) * accounts >= 2 * Double(sizes[first]) * Double(sizes[second]) else { continue }
                related = true
                parent[root(second)] = root(first)
            }
        }
        guard related else {
            groups = [categories.map(\.text)]
            return
        }
        var order: [Int] = []
        var members: [Int: [String]] = [:]
        for index in 0..<count {
            let group = root(index)
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(categories[index].text)
        }
        groups = order.compactMap { members[$0] }
    }

    /// A note for the proposal's comment, or nil when its values hold together.
    var note: String? {
        guard groups.count >= 2 else { return nil }
        let written = groups.map { $0.joined(separator: ", ") }.joined(separator: " | ")
        return "its values fall into \(groups.count) groups that seldom share an account (\(written)): "
            + "they may win for different reasons; a score per group weighs them apart"
    }
}
