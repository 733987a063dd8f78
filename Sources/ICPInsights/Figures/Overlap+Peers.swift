import ICPLanguage
import ICPEngine
extension Overlap {
    /// One ICP's overlap with each of `peers` (the other ICPs on its data), as `icp preview`
    /// gives it, without the matrix of every pair: shared accounts by one intersection per peer,
    /// and who takes whose accounts from `ranking` (the live ICPs of the set, `excluding` this
    /// ICP's own entry there). `peers` name their entry in the ranking when they are live.
    public static func figures(of me: WorkspaceScoring.Entry, peers: [(entry: WorkspaceScoring.Entry, ranked: Int?)],
                               ranking: RivalRanking, excluding own: Int?) -> [ICPPreview.OverlapFigures] {
        let mine = me.evaluation.qualified
        var takenBy: [Int: Int] = [:]
        var wonByMe = Bitset(count: mine.count)
        mine.forEach { row in
            // A draft stamps nothing: the first live ICP qualifying the account takes it.
            if let rival = ranking.best(at: row, excluding: own), !me.assignsCodes || WorkspaceScoring.wins(ranking.entries[rival], row: row, over: me) {
                takenBy[rival, default: 0] += 1
            } else if me.assignsCodes {
                wonByMe.insert(row)
            }
        }
        let count = me.evaluation.qualifiedCount
        return peers.map { peer in
            let theirs = peer.entry.evaluation.qualified
            let shared = mine.intersectionCount(theirs)
            let union = count + peer.entry.evaluation.qualifiedCount - shared
            return ICPPreview.OverlapFigures(icp: peer.entry.icp.code?.value ?? "", shared: shared, jaccard: union == 0 ? 0 : Double(shared) / Double(union),
                                             taken_by: peer.ranked.flatMap { takenBy[$0] } ?? 0, takes: wonByMe.intersectionCount(theirs))
        }
    }
}
