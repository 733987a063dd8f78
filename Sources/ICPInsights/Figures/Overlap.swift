import ICPLanguage
import ICPEngine
/// How a workspace's ICPs overlap on one dataset: the accounts each pair shares, and, with
/// precedence (format.md, Evaluation), how many of one ICP's accounts another takes.
public struct Overlap: Sendable {
    public let codes: [String]
    public let priorities: [Int]
    public let live: [Bool]
    public let qualified: [Int]
    /// `shared[i][j]`: accounts qualifying for both.
    public let shared: [[Int]]
    /// `takes[i][j]`: accounts qualifying for j that get i's code (i live, i ≠ j).
    public let takes: [[Int]]
    /// For a live ICP, the accounts that get its code; nil for the others, which stamp none.
    public let kept: [Int?]

    public init(_ entries: [WorkspaceScoring.Entry], rowCount: Int) {
        codes = entries.map { $0.icp.code?.value ?? "" }
        priorities = entries.map(\.icp.priority)
        live = entries.map(\.assignsCodes)
        qualified = entries.map { $0.evaluation.qualifiedCount }
        shared = entries.map { one in entries.map { one.evaluation.qualified.intersectionCount($0.evaluation.qualified) } }
        let liveIndices = entries.indices.filter { entries[$0].assignsCodes }
        var won = entries.map { _ in Bitset(count: rowCount) }
        for (row, winner) in WorkspaceScoring.winners(liveIndices.map { entries[$0] }, rowCount: rowCount).enumerated() where winner >= 0 {
            won[liveIndices[winner]].insert(row)
        }
        takes = entries.indices.map { i in
            entries.indices.map { j in i == j || !entries[i].assignsCodes ? 0 : won[i].intersectionCount(entries[j].evaluation.qualified) }
        }
        kept = entries.indices.map { entries[$0].assignsCodes ? won[$0].cardinality : nil }
    }

    /// The entries grouped by dataset (evaluations on one engine), each group's overlap with
    /// the positions of its entries: ICPs on different data share no accounts.
    public static func byDataset(_ entries: [(entry: WorkspaceScoring.Entry, engine: Engine)]) -> [(positions: [Int], overlap: Overlap)] {
        var groups: [ObjectIdentifier: [Int]] = [:]
        var order: [ObjectIdentifier] = []
        for (position, item) in entries.enumerated() {
            let key = ObjectIdentifier(item.engine)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(position)
        }
        return order.compactMap { key in
            guard let positions = groups[key], let first = positions.first else { return nil }
            return (positions, Overlap(positions.map { entries[$0].entry }, rowCount: entries[first].engine.accounts.rowCount))
        }
    }

    /// Per ICP, its overlap with each other one, as `icp preview --format json` gives it.
    public func figures(of index: Int) -> [ICPPreview.OverlapFigures] {
        codes.indices.filter { $0 != index }.map { other in
            ICPPreview.OverlapFigures(icp: codes[other], shared: shared[index][other], jaccard: jaccard(index, other),
                                      taken_by: takes[other][index], takes: takes[index][other])
        }
    }

    /// Shared accounts over accounts in either (Jaccard); 0 when both qualify none.
    public func jaccard(_ i: Int, _ j: Int) -> Double {
        let union = qualified[i] + qualified[j] - shared[i][j]
        return union == 0 ? 0 : Double(shared[i][j]) / Double(union)
    }

    /// The ICPs that take accounts from `index`, most first: "190 go to `midmarket-saas` (priority 10)".
    public func takers(of index: Int) -> [(index: Int, count: Int)] {
        codes.indices.map { ($0, takes[$0][index]) }.filter { $0.count > 0 }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.index < $1.index }
    }
}
