import ICPLanguage
/// The ICP code, score and tier of each record across a workspace's live ICPs (format.md, Evaluation).
public struct RecordAssignment: Sendable, Equatable {
    /// Nil when the record qualifies for no live ICP.
    public let code: String?
    /// The exact score for that ICP; 0 without a code.
    public let score: Double
    public let tier: String?
}

public enum WorkspaceScoring {
    /// One evaluated ICP taking part.
    public struct Entry: Sendable {
        public let icp: ICP
        public let evaluation: ICPEvaluation

        public init(icp: ICP, evaluation: ICPEvaluation) {
            self.icp = icp
            self.evaluation = evaluation
        }

        /// A live ICP with a code: it stamps its code on the records it wins.
        package var assignsCodes: Bool { icp.status == .live && icp.code != nil }
    }

    /// For each record: among the live ICPs it qualifies for, the lowest `priority`, then the
    /// higher score, then the code in ascending order. All evaluations must share one dataset.
    public static func assign(_ entries: [Entry], rowCount: Int) -> [RecordAssignment] {
        let live = entries.filter(\.assignsCodes)
        return winners(live, rowCount: rowCount).enumerated().map { row, index in
            guard index >= 0 else { return RecordAssignment(code: nil, score: 0, tier: nil) }
            let entry = live[index]
            let score = entry.evaluation.score(ofRow: row)
            return RecordAssignment(code: entry.icp.code?.value, score: score, tier: entry.evaluation.tier(forScore: score))
        }
    }

    /// For each record, the index in `live` of the ICP whose code it gets, or -1.
    package static func winners(_ live: [Entry], rowCount: Int) -> [Int] {
        var best = [Int](repeating: -1, count: rowCount)
        for (index, entry) in live.enumerated() {
            entry.evaluation.qualified.forEach { row in
                let current = best[row]
                if current < 0 || wins(entry, row: row, over: live[current]) { best[row] = index }
            }
        }
        return best
    }

    /// Whether `candidate` takes `row` before `incumbent` (both qualifying it).
    package static func wins(_ candidate: Entry, row: Int, over incumbent: Entry) -> Bool {
        if candidate.icp.priority != incumbent.icp.priority { return candidate.icp.priority < incumbent.icp.priority }
        let candidateScore = candidate.evaluation.score(ofRow: row)
        let incumbentScore = incumbent.evaluation.score(ofRow: row)
        if abs(candidateScore - incumbentScore) > ScoreMath.tolerance { return candidateScore > incumbentScore }
        return (candidate.icp.code?.value ?? "") < (incumbent.icp.code?.value ?? "")
    }
}
