/// A unified diff of two texts by lines, with three lines of context: what `icp refine --dry-run` prints.
enum UnifiedDiff {
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
        text += a[start..<prefix].map { " \($0)\n" }.joined()
        text += a[prefix..<(a.count - suffix)].map { "-\($0)\n" }.joined()
        text += b[prefix..<(b.count - suffix)].map { "+\($0)\n" }.joined()
        text += a[(a.count - suffix)..<endA].map { " \($0)\n" }.joined()
        return text
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
