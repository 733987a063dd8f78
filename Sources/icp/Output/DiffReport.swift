import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace

/// What `icp diff` prints: text for a terminal, markdown for a pull-request comment (under
/// GitHub's 65,535 characters), JSON with stable keys (format.md, Review).
struct DiffReport {
    let review: DiffRun
    /// Samples per side and ICP; nil: all.
    let sample: Int?
    let tripped: [(String, DiffGate)]
    /// The data each side ran on, named with its content hash (as it was read).
    private let dataLines: [String]

    init(review: DiffRun, sample: Int?, tripped: [(String, DiffGate)]) {
        self.review = review
        self.sample = sample
        self.tripped = tripped
        var seen = Set<String>()
        dataLines = review.entries.compactMap { entry -> String? in
            guard seen.insert(entry.data.datasetName).inserted else { return nil }
            let hashes = entry.data.files.compactMap { file in review.dataHashes[file].map { "\(file.lastPathComponent) \($0)" } }
            let accounts = "\(CountFormat.grouped(entry.data.engine.accounts.rowCount)) accounts, base and head measured on the same rows"
            return "\(entry.data.datasetName) (\(accounts)" + (hashes.isEmpty ? ")" : "; SHA-256 of the file as read, first 16 digits: \(hashes.joined(separator: ", ")))")
        }
    }

    /// GitHub refuses comments over 65,535 characters (Unicode scalars, ``Markdown/length(_:)``).
    static let commentLimit = 65_535

    var changed: [DiffRun.Entry] { review.entries.filter { $0.comparison.change != .none } }
    var unchanged: [DiffRun.Entry] { review.entries.filter { $0.comparison.change == .none } }

    private var baseLine: String {
        "\(review.baseName) at \(review.baseCommit.short) (\(review.baseCommit.date), \(review.baseCommit.author): \(review.baseCommit.subject))"
    }

    // MARK: Figures in words

    private func percent(_ value: Double?) -> String { value.map { CountFormat.percent($0) } ?? "-" }
    private func ratio(_ value: Double?) -> String { value.map { CountFormat.decimal($0, digits: 2) + "×" } ?? "-" }

    private func figures(_ entry: DiffRun.Entry) -> String {
        let (base, head) = (entry.comparison.base, entry.comparison.head)
        let qualified = "\(base.map { CountFormat.grouped($0.qualified) } ?? "-") → \(head.map { CountFormat.grouped($0.qualified) } ?? "-")"
        var parts = ["qualified \(qualified) (+\(CountFormat.grouped(entry.comparison.added.count)) / −\(CountFormat.grouped(entry.comparison.removed.count)))"]
        if base?.win_rate != nil || head?.win_rate != nil {
            parts.append("win rate \(percent(base?.win_rate)) → \(percent(head?.win_rate))")
            parts.append("lift \(ratio(base?.lift)) → \(ratio(head?.lift))")
            parts.append("won coverage \(percent(base?.won_coverage)) → \(percent(head?.won_coverage))")
        }
        return parts.joined(separator: "; ")
    }

    private func why(_ entry: DiffRun.Entry) -> [String] {
        let comparison = entry.comparison
        let reasons = comparison.explainedBy.map { reason -> String in
            let total = reason.side == "removed" ? comparison.removed.count : comparison.added.count
            return "\(CountFormat.grouped(reason.count)) of \(CountFormat.grouped(total)) \(reason.side) \(reason.reason)"
        }
        let segments = comparison.segments.map { segment in
            "\(CountFormat.percent(segment.share, digits: 0)) of \(segment.side) have \(segment.field) \(segment.value) (\(CountFormat.decimal(segment.lift, digits: 1))× their share of all accounts)"
        }
        return reasons + segments
    }

    private func codeChanges(of code: String) -> [String: Int] {
        review.codeChanges.filter { key, _ in key.split(separator: "→").contains { $0 == code } }
    }

    private func tierRows(_ entry: DiffRun.Entry) -> [[String]] {
        let comparison = entry.comparison
        let tiers = ((entry.head?.tiers ?? []) + (entry.base?.tiers ?? [])).map(\.name.value)
        var seen = Set<String>()
        var rows: [[String]] = []
        for tier in tiers where seen.insert(tier).inserted {
            let movedIn = comparison.tierMoves.filter { $0.key.hasSuffix("→\(tier)") }.values.reduce(0, +)
            let movedOut = comparison.tierMoves.filter { $0.key.hasPrefix("\(tier)→") }.values.reduce(0, +)
            rows.append([tier, comparison.base.map { CountFormat.grouped($0.tiers[tier] ?? 0) } ?? "-", comparison.head.map { CountFormat.grouped($0.tiers[tier] ?? 0) } ?? "-",
                         "+" + CountFormat.grouped(comparison.tierAdded[tier] ?? 0), "−" + CountFormat.grouped(comparison.tierRemoved[tier] ?? 0),
                         "+" + CountFormat.grouped(movedIn), "−" + CountFormat.grouped(movedOut)])
        }
        return rows
    }

    /// Accounts added and removed, the ones that matter most first: won accounts, then the
    /// highest score on the side that qualifies them (the head for added, the base for removed),
    /// then by key; each with its key, its name, the columns the ICP uses and the outcome.
    private func samples(_ entry: DiffRun.Entry, added: Bool, limit: Int?) -> [[String: String?]] {
        let rows = added ? entry.comparison.added : entry.comparison.removed
        let engine = entry.data.engine
        let keyName = engine.settings.accountIDField
        let nameColumn = engine.nameColumn
        // The outcome too, so that a reader sees why won accounts come first.
        let fields = ((entry.head ?? entry.base)?.parameters ?? []).compactMap(\.field?.value) + [engine.settings.outcome?.field].compactMap { $0 }
        let won = engine.outcomeSets?.won
        let evaluation = added ? entry.headEvaluation : entry.baseEvaluation
        let keyed = engine.accountKeyName != "row"
        let ranked = rows.map { row in
            (row: row, won: won?.contains(row) == true, score: evaluation?.score(ofRow: row) ?? 0, key: keyed ? engine.accountKey(row) ?? "" : "")
        }.sorted {
            if $0.won != $1.won { return $0.won }
            if abs($0.score - $1.score) > ScoreMath.tolerance { return $0.score > $1.score }
            return ($0.key, $0.row) < ($1.key, $1.row)
        }
        return ranked.prefix(limit ?? ranked.count).map { item in
            var sample: [String: String?] = [keyName: engine.accountKey(item.row) ?? String(item.row + 1)]
            if let nameColumn { sample[nameColumn.name] = .some(nameColumn.text(atRow: item.row)) }
            for field in fields { sample[field] = .some(engine.accounts.column(named: field)?.text(atRow: item.row)) }
            return sample
        }
    }

    private func textDiff(_ entry: DiffRun.Entry) -> String {
        LineDiff(from: entry.baseText ?? "", to: entry.headText ?? "").unified(path: entry.path)
    }

    // MARK: Text

    func text() -> String {
        var lines = ["icp diff: \(baseLine) → \(review.headName)", "data: " + dataLines.joined(separator: "; ")]
        lines += review.notes.map { "note: \($0)" }
        for entry in changed {
            lines += ["", "\(entry.code) (\(entry.path)): \(entry.comparison.change.rawValue)", "  " + figures(entry)]
            let moves = entry.comparison.tierMoves.sorted { $0.key < $1.key }.map { "\($0.key) \(CountFormat.grouped($0.value))" }
            if !moves.isEmpty { lines.append("  tier moves: " + moves.joined(separator: ", ")) }
            let codes = codeChanges(of: entry.code).sorted { $0.key < $1.key }.map { "\($0.key) \(CountFormat.grouped($0.value))" }
            if !codes.isEmpty { lines.append("  workspace codes: " + codes.joined(separator: ", ")) }
            lines += why(entry).map { "  why: \($0)" }
        }
        for file in review.broken {
            lines += ["", "\(file.code.map { "\($0) " } ?? "")(\(file.path)): broken in the \(file.side); not measured"]
            lines += file.errors.map { "  error: \($0)" }
        }
        if !unchanged.isEmpty { lines += ["", "unchanged: " + unchanged.map(\.code).joined(separator: ", ")] }
        lines += tripped.map { "gate tripped for \($0.0): \($0.1)" }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    /// A verdict line, one section per changed ICP (tiers as rows), the why, and the samples and
    /// text diff collapsed; samples are cut first to keep under GitHub's limit, and it says so.
    func markdown() -> String {
        // As many samples as asked (`all`: every one), then fewer until the comment fits.
        let asked = sample ?? Int.max
        for limit in [asked] + [10, 3, 0].filter({ $0 < asked }) {
            let text = markdown(samples: limit, diffs: true)
            if Markdown.length(text) <= Self.commentLimit { return text }
        }
        let text = markdown(samples: 0, diffs: false)
        guard Markdown.length(text) > Self.commentLimit else { return text }
        // Whole lines, so that no fence, table or element is left open.
        var kept = "", length = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            length += Markdown.length(String(line)) + 1
            guard length <= Self.commentLimit - 200 else { break }
            kept += line + "\n"
        }
        return kept + "\n…cut at GitHub's comment limit; run `icp diff` for the rest.\n"
    }

    private func markdown(samples limit: Int, diffs: Bool) -> String {
        let verdict: String
        if changed.isEmpty, review.broken.isEmpty {
            verdict = "**No ICP changes what it qualifies.**"
        } else {
            let added = changed.map(\.comparison.added.count).reduce(0, +), removed = changed.map(\.comparison.removed.count).reduce(0, +)
            verdict = "**\(changed.count) ICP\(changed.count == 1 ? "" : "s") changed: +\(CountFormat.grouped(added)) / −\(CountFormat.grouped(removed)) accounts**"
                + (review.broken.isEmpty ? "" : " · ❌ \(review.broken.count) broken file\(review.broken.count == 1 ? "" : "s")")
                + (tripped.isEmpty ? "" : " · ❌ \(tripped.count) gate\(tripped.count == 1 ? "" : "s") tripped")
        }
        var lines = ["### icp diff", "", verdict, "",
                     "Base: \(Markdown.text(baseLine)). Head: \(Markdown.text(review.headName)). Data: \(Markdown.text(dataLines.joined(separator: "; ")))."]
        lines += review.notes.map { "> \(Markdown.text($0))" }
        lines += tripped.map { "- ❌ gate \(Markdown.code($0.1.description)) tripped for \(Markdown.code($0.0))" }
        for file in review.broken {
            lines += ["", "#### ❌ \(file.code.map { Markdown.code($0) + " · " } ?? "")broken in the \(file.side) · \(Markdown.code(file.path))", ""]
            lines += file.errors.map { "- \(Markdown.text($0))" }
        }
        let cutSamples = limit < (sample ?? Int.max) && changed.contains { max($0.comparison.added.count, $0.comparison.removed.count) > limit }
        for entry in changed {
            let comparison = entry.comparison
            lines += ["", "#### \(Markdown.code(entry.code)) · \(comparison.change.rawValue) · \(Markdown.code(entry.path))", "", figures(entry), ""]
            let rows = tierRows(entry)
            if !rows.isEmpty {
                // Base + newly qualifying − no longer qualifying + moved in − moved out = head, row by row.
                lines += ["| tier | base | head | newly qualifying | no longer qualifying | moved in from another tier | moved out to another tier |",
                          "|---|---:|---:|---:|---:|---:|---:|"]
                lines += rows.map { row in "| " + ([Markdown.code(row[0], inTable: true)] + row.dropFirst()).joined(separator: " | ") + " |" }
                lines.append("")
            }
            lines += ["- added: \(CountFormat.grouped(comparison.added.count)), removed: \(CountFormat.grouped(comparison.removed.count))"]
            lines += why(entry).map { "- \(Markdown.text($0))" }
            let codes = codeChanges(of: entry.code).sorted { $0.key < $1.key }.map { "\(Markdown.code($0.key)) \(CountFormat.grouped($0.value))" }
            if !codes.isEmpty { lines.append("- workspace codes: " + codes.joined(separator: ", ")) }
            if limit > 0 {
                for (side, rows) in [("added", comparison.added), ("removed", comparison.removed)] where !rows.isEmpty {
                    let shown = samples(entry, added: side == "added", limit: limit)
                    guard let first = shown.first else { continue }
                    let columns = first.keys.sorted { $0 == entry.data.engine.settings.accountIDField ? true : ($1 == entry.data.engine.settings.accountIDField ? false : $0 < $1) }
                    lines += ["", "<details><summary>\(side): \(shown.count) of \(CountFormat.grouped(rows.count))</summary>", "",
                              "| \(columns.map { Markdown.code($0, inTable: true) }.joined(separator: " | ")) |", "|\(columns.map { _ in "---" }.joined(separator: "|"))|"]
                    lines += shown.map { row in "| " + columns.map { Markdown.code((row[$0] ?? nil) ?? "", inTable: true) }.joined(separator: " | ") + " |" }
                    lines += ["", "</details>"]
                }
            }
            if diffs {
                lines += ["", "<details><summary>definition</summary>", "", Markdown.fence(String(textDiff(entry).trimmingLineBreaks()), info: "diff"), "", "</details>"]
            }
        }
        if cutSamples { lines += ["", "_Samples cut to \(limit) per side to stay under GitHub's comment limit; `icp diff --sample all --format json` has them all._"] }
        if !unchanged.isEmpty { lines += ["", "Unchanged: " + unchanged.map { Markdown.code($0.code) }.joined(separator: ", ") + "."] }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    func json() throws -> String {
        struct Commit: Encodable {
            let name: String
            @EncodedAsNull var commit: String?
            @EncodedAsNull var date: String?
            @EncodedAsNull var author: String?
        }
        struct Sample: Encodable {
            let added: [[String: String?]]
            let removed: [[String: String?]]
        }
        struct Entry: Encodable {
            let icp: String
            let file: String
            let change: String
            @EncodedAsNull var base: ICPComparison.Figures?
            @EncodedAsNull var head: ICPComparison.Figures?
            let added: Int
            let removed: Int
            let tier_moves: [String: Int]
            let tier_added: [String: Int]
            let tier_removed: [String: Int]
            let code_changes: [String: Int]
            let explained_by: [ICPComparison.Reason]
            let segments: [ICPComparison.Segment]
            let samples: Sample
            let diff: String
        }
        struct Broken: Encodable {
            @EncodedAsNull var icp: String?
            let file: String
            let side: String
            let errors: [String]
        }
        struct Document: Encodable {
            let base: Commit
            let head: Commit
            let data: [String]
            let notes: [String]
            let code_changes: [String: Int]
            let icps: [Entry]
            let broken: [Broken]
            let gates_tripped: [String]
        }
        let document = Document(
            base: Commit(name: review.baseName, commit: review.baseCommit.hash, date: review.baseCommit.date, author: review.baseCommit.author),
            head: Commit(name: review.headName, commit: review.headCommit?.hash, date: review.headCommit?.date, author: review.headCommit?.author),
            data: dataLines, notes: review.notes, code_changes: review.codeChanges,
            icps: review.entries.map { entry in
                let comparison = entry.comparison
                return Entry(icp: entry.code, file: entry.path, change: comparison.change.rawValue, base: comparison.base, head: comparison.head,
                             added: comparison.added.count, removed: comparison.removed.count, tier_moves: comparison.tierMoves,
                             tier_added: comparison.tierAdded, tier_removed: comparison.tierRemoved,
                             code_changes: codeChanges(of: entry.code), explained_by: comparison.explainedBy, segments: comparison.segments,
                             samples: Sample(added: samples(entry, added: true, limit: sample), removed: samples(entry, added: false, limit: sample)),
                             diff: textDiff(entry))
            },
            broken: review.broken.map { Broken(icp: $0.code, file: $0.path, side: $0.side, errors: $0.errors) },
            gates_tripped: tripped.map { "\($0.0): \($0.1)" })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
