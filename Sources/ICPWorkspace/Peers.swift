import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// The ICPs of a workspace that run on its dataset (an ICP with a `dataset` of its own has no
/// peers), as saved and without errors: what one file's `shadowed` check and overlap figures
/// weigh it against. The set is the same for every file of the workspace, and while one is
/// edited, so its evaluations and ranking are built once (kept by the engine by `key`).
public struct Peers: Sendable {
    public var icps: [ICP] = []
    /// Their files, in the same order (by path).
    public var files: [URL] = []
    /// What they mean together (``ICP/meaning`` of each).
    public var key = ""
    /// The live ones with a code (those that stamp accounts), by position, and their key.
    public var live: [Int] = []
    public var liveKey = ""
    /// The file being checked, by position, when it is saved among them.
    public var own: Int?

    public init() {}

    init(_ members: [(file: URL, icp: ICP)]) {
        for (file, icp) in members {
            files.append(file)
            icps.append(icp)
        }
        live = icps.indices.filter { icps[$0].status == .live && icps[$0].code != nil }
        let meanings = icps.map(\.meaning)
        key = meanings.joined(separator: "\u{0}")
        liveKey = live.map { meanings[$0] }.joined(separator: "\u{0}")
    }

    /// `icp`'s overlap with every other peer (its own saved entry aside), and the ranking of
    /// the live peers `shadowed` weighs it against (nil when no other peer is live).
    func figures(of icp: ICP, evaluation: ICPEvaluation, engine: Engine) -> (overlap: [ICPPreview.OverlapFigures], ranking: RivalRanking?, ownRanked: Int?) {
        let others = icps.indices.filter { $0 != own }
        guard !others.isEmpty else { return ([], nil, nil) }
        let evaluations = engine.evaluations(of: icps, key: key)
        let ranking = engine.rivalRanking(of: live.map { icps[$0] }, key: liveKey)
        let ownRanked = own.flatMap { live.firstIndex(of: $0) }
        let overlap = Overlap.figures(of: WorkspaceScoring.Entry(icp: icp, evaluation: evaluation),
                                      peers: others.map { (WorkspaceScoring.Entry(icp: icps[$0], evaluation: evaluations[$0]), live.firstIndex(of: $0)) },
                                      ranking: ranking, excluding: ownRanked)
        let rankedOthers = live.count - (ownRanked == nil ? 0 : 1)
        return (overlap, rankedOthers > 0 ? ranking : nil, ownRanked)
    }
}
