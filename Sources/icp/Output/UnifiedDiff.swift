/// A unified diff of two texts by lines, with three lines of context: what `icp refine --dry-run`
/// prints, in the form `patch` and `git apply` take. Lines are cut at `\n` only, so a carriage
/// return stays part of its line (as in `diff`), and a last line without a line break is
/// followed by `\ No newline at end of file`.
enum UnifiedDiff {
    /// One line with the break that ends it, if any: `5` and `5\n` are different lines.
    private struct Line: Equatable {
        var text: Substring
        var ended: Bool
    }

    static func render(old: String, new: String, path: String) -> String {
        let a = lines(old), b = lines(new)
        // The edits of refine are local: one run of changed lines between a common start and end.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        guard prefix < a.count - suffix || prefix < b.count - suffix else { return "" }
        let start = max(0, prefix - 3)
        let endA = min(a.count, a.count - suffix + 3), endB = min(b.count, b.count - suffix + 3)
        var text = "--- a/\(path)\n+++ b/\(path)\n"
        text += "@@ -\(start + 1),\(endA - start) +\(start + 1),\(endB - start) @@\n"
        text += a[start..<prefix].map { written(" ", $0) }.joined()
        text += middle(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        text += a[(a.count - suffix)..<endA].map { written(" ", $0) }.joined()
        return text
    }

    /// The changed stretch line by line: a longest common subsequence keeps unchanged lines as context.
    private static func middle(_ a: [Line], _ b: [Line]) -> String {
        guard a.count * b.count <= 4_000_000 else { return a.map { written("-", $0) }.joined() + b.map { written("+", $0) }.joined() }
        var common = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var text = "", i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                text += written(" ", a[i]); i += 1; j += 1
            } else if j == b.count || (i < a.count && common[i + 1][j] >= common[i][j + 1]) {
                text += written("-", a[i]); i += 1
            } else {
                text += written("+", b[j]); j += 1
            }
        }
        return text
    }

    private static func written(_ mark: String, _ line: Line) -> String {
        mark + line.text + (line.ended ? "\n" : "\n\\ No newline at end of file\n")
    }

    private static func lines(_ text: String) -> [Line] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Line(text: Substring($0), ended: true) }
        // The piece after the last break: empty when the text ends with one, else a line without a break.
        if let last = lines.last {
            lines.removeLast()
            if !last.text.isEmpty { lines.append(Line(text: last.text, ended: false)) }
        }
        return lines
    }
}
