/// The lines that differ between two texts: the changes an editor applies for a formatting
/// request (so the cursor and folds outside them stay), and `icp fmt --diff`'s unified diff.
public struct LineDiff: Sendable {
    private enum Step { case same, removed, added }

    private let old: [Substring]
    private let new: [Substring]
    /// The edit script, in order: each step consumes a line of `old`, of `new`, or of both.
    private let steps: [Step]

    /// Lines keep their `\n`, so a text's last line without one differs from one with it.
    public init(from oldText: String, to newText: String) {
        old = Self.lines(oldText)
        new = Self.lines(newText)
        let difference = new.difference(from: old)
        var removed = Set<Int>(), added = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        var steps: [Step] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                steps.append(.removed)
                i += 1
            } else if j < new.count, added.contains(j) {
                steps.append(.added)
                j += 1
            } else {
                steps.append(.same)
                i += 1
                j += 1
            }
        }
        self.steps = steps
    }

    public var isEmpty: Bool { !steps.contains { $0 != .same } }

    /// One change per run of changed lines, in byte offsets of the old text.
    public var changes: [TextChange] {
        var changes: [TextChange] = []
        var offset = 0, j = 0, i = 0
        var index = 0
        while index < steps.count {
            guard steps[index] != .same else {
                offset += old[i].utf8.count
                i += 1
                j += 1
                index += 1
                continue
            }
            let start = offset
            var text = ""
            while index < steps.count, steps[index] != .same {
                if steps[index] == .removed {
                    offset += old[i].utf8.count
                    i += 1
                } else {
                    text += new[j]
                    j += 1
                }
                index += 1
            }
            changes.append(TextChange(start: start, end: offset, text: text))
        }
        return changes
    }

    /// A unified diff with three lines of context, `--- a/PATH` and `+++ b/PATH` first.
    public func unified(path: String) -> String {
        guard !isEmpty else { return "" }
        // Old and new line numbers before each step.
        var positions: [(old: Int, new: Int)] = []
        var (i, j) = (0, 0)
        for step in steps {
            positions.append((i, j))
            if step != .added { i += 1 }
            if step != .removed { j += 1 }
        }
        var output = "--- a/\(path)\n+++ b/\(path)\n"
        let context = 3
        var index = 0
        while let firstChange = steps[index...].firstIndex(where: { $0 != .same }) {
            let hunkStart = max(firstChange - context, index)
            // The run of changes, joined with the next run when at most twice the context apart.
            var end = firstChange
            while true {
                while end < steps.count, steps[end] != .same { end += 1 }
                guard let next = steps[end...].firstIndex(where: { $0 != .same }), next - end <= 2 * context else { break }
                end = next
            }
            let hunkEnd = min(end + context, steps.count)
            let oldCount = steps[hunkStart..<hunkEnd].filter { $0 != .added }.count
            let newCount = steps[hunkStart..<hunkEnd].filter { $0 != .removed }.count
            let (oldStart, newStart) = positions[hunkStart]
            output += "@@ -\(oldStart + (oldCount > 0 ? 1 : 0)),\(oldCount) +\(newStart + (newCount > 0 ? 1 : 0)),\(newCount) @@\n"
            for index in hunkStart..<hunkEnd {
                let (i, j) = positions[index]
                switch steps[index] {
                case .same: output += " " + Self.shown(old[i])
                case .removed: output += "-" + Self.shown(old[i])
                case .added: output += "+" + Self.shown(new[j])
                }
            }
            index = hunkEnd
            if index >= steps.count { break }
        }
        return output
    }

    /// A line for the diff, ending in one `\n`; a last line without a line break says so.
    private static func shown(_ line: Substring) -> String {
        // By bytes: "\r\n" is one Character, which does not end with "\n".
        line.utf8.last == UInt8(ascii: "\n") ? String(line) : String(line) + "\n\\ No newline at end of file\n"
    }

    /// The lines of `text`, each with its `\n`. Lines are cut at `\n` only, as `diff` does, so a
    /// carriage return stays part of its line and the diff applies with `patch` and `git apply`.
    private static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            if byte == UInt8(ascii: "\n") {
                lines.append(Substring(utf8[start..<index]))
                start = index
            }
        }
        if start < utf8.endIndex { lines.append(Substring(utf8[start..<utf8.endIndex])) }
        return lines
    }
}
