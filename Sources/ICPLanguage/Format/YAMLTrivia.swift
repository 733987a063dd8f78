/// A line the YAML parser does not report: a comment or a blank line.
enum TriviaLine: Equatable {
    case blank
    /// The text after `#`, as written.
    case comment(String)
}

/// The comments and blank lines of a YAML text, each attached to the node it belongs to, so
/// the layout can write them back where they were.
///
/// libyaml's events carry no comments. A `#` is a comment when it is outside every scalar
/// and starts its line or follows white space. A comment on a line of its own (and the blank
/// lines before it) goes before the next mapping entry or list item, or, when it is indented
/// at least as deep as a block that has just ended, after that block's last element. A
/// comment after code stays at the end of the line of the innermost entry or item it follows.
struct YAMLTrivia {
    /// Lines before an entry (keyed by its key's offset) or a list item (by the item's offset).
    var beforeEntry: [Int: [TriviaLine]] = [:]
    var beforeItem: [Int: [TriviaLine]] = [:]
    /// Lines after the last element of a block mapping or list (keyed by its start offset).
    var afterMapping: [Int: [TriviaLine]] = [:]
    var afterList: [Int: [TriviaLine]] = [:]
    /// Comments at the end of an entry's or item's first line, with the spaces before their `#`
    /// (aligned comments stay aligned).
    var lineEndOfEntry: [Int: [String]] = [:]
    var lineEndOfItem: [Int: [String]] = [:]
    /// Comments in a document with no entries or items to hold them.
    var document: [TriviaLine] = []

    /// Every comment's text, in source order.
    var comments: [String] = []

    private struct Element {
        var isItem: Bool
        var start: Int
        var end: Int
        var depth: Int
        var container: Int
    }

    private struct Container {
        var start: Int
        var end: Int
        var column: Int
        var isBlock: Bool
        var isMapping: Bool
        var parent: Int?
    }

    /// No comments: for JSON, which has none.
    init() {}

    init(tree: SyntaxTree) {
        let source = tree.source
        var elements: [Element] = []
        var containers: [Container] = []
        var scalars: [(start: Int, end: Int)] = []

        func walk(_ node: SyntaxNode, depth: Int, parent: Int?) {
            switch node {
            case .scalar(let scalar):
                scalars.append((scalar.range.start.offset, scalar.range.end.offset))
            case .mapping(let mapping):
                let index = containers.count
                containers.append(Container(start: mapping.range.start.offset, end: mapping.range.end.offset, column: mapping.range.start.column,
                                            isBlock: source.bytes[safe: mapping.range.start.offset] != UInt8(ascii: "{"), isMapping: true, parent: parent))
                for entry in mapping.entries {
                    elements.append(Element(isItem: false, start: entry.key.range.start.offset,
                                            end: max(entry.key.range.end.offset, entry.value.range.end.offset), depth: depth, container: index))
                    walk(entry.key, depth: depth + 1, parent: index)
                    walk(entry.value, depth: depth + 1, parent: index)
                }
            case .sequence(let sequence):
                let index = containers.count
                containers.append(Container(start: sequence.range.start.offset, end: sequence.range.end.offset, column: sequence.range.start.column,
                                            isBlock: !sequence.isFlow, isMapping: false, parent: parent))
                for item in sequence.items {
                    elements.append(Element(isItem: true, start: item.range.start.offset, end: item.range.end.offset, depth: depth, container: index))
                    walk(item, depth: depth + 1, parent: index)
                }
            }
        }
        if let root = tree.root { walk(root, depth: 0, parent: nil) }
        elements.sort { $0.start != $1.start ? $0.start < $1.start : $0.depth < $1.depth }
        scalars.sort { $0.start < $1.start }

        // Scalars do not overlap and lines are read in order, so one cursor finds them all.
        var scalarIndex = 0
        func scalarEnd(holding offset: Int) -> Int? {
            while scalarIndex < scalars.count, scalars[scalarIndex].end <= offset { scalarIndex += 1 }
            guard scalarIndex < scalars.count, scalars[scalarIndex].start <= offset else { return nil }
            return (scalars[scalarIndex].start, scalars[scalarIndex].end) == (offset, offset) ? nil : scalars[scalarIndex].end
        }

        func add(_ lines: [TriviaLine], before element: Element) {
            if element.isItem { beforeItem[element.start, default: []] += lines } else { beforeEntry[element.start, default: []] += lines }
        }

        var nextElement = 0
        var blankAbove = false
        let bytes = source.bytes
        for line in 0..<source.lineCount {
            let lineStart = source.lineStarts[line]
            let lineEnd = source.lineEnd(line)
            while nextElement < elements.count, elements[nextElement].start < lineStart { nextElement += 1 }
            var cursor = lineStart
            while cursor < lineEnd, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
            if cursor == lineEnd {
                // A blank line, unless it is part of a block or quoted scalar.
                if let end = scalarEnd(holding: lineStart), scalars[scalarIndex].start < lineStart, lineStart < end { continue }
                blankAbove = true
                continue
            }
            var commentStart: Int?
            var scan = cursor
            while scan < lineEnd {
                if let end = scalarEnd(holding: scan) {
                    scan = end
                    continue
                }
                if bytes[scan] == UInt8(ascii: "#"), scan == lineStart || bytes[scan - 1] == UInt8(ascii: " ") || bytes[scan - 1] == UInt8(ascii: "\t") {
                    commentStart = scan
                    break
                }
                scan += 1
            }
            let next = nextElement < elements.count ? elements[nextElement] : nil
            guard let commentStart, commentStart == cursor else {
                // A line of code: a blank line above it is kept when an element starts here.
                if blankAbove, let next, next.start < lineEnd { add([.blank], before: next) }
                blankAbove = false
                if let commentStart {
                    let text = String(decoding: bytes[(commentStart + 1)..<lineEnd], as: UTF8.self)
                    comments.append(text)
                    // The innermost element holding the code before the comment.
                    var last = commentStart - 1
                    while last > lineStart, bytes[last] == UInt8(ascii: " ") || bytes[last] == UInt8(ascii: "\t") { last -= 1 }
                    let gap = String(repeating: " ", count: max(commentStart - last - 1, 1))
                    var upTo = nextElement
                    while upTo < elements.count, elements[upTo].start <= last { upTo += 1 }
                    // `- # note` before an item's first key: the note belongs to that item, whose node starts below.
                    let dashesOnly = bytes[cursor..<commentStart].allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                    if dashesOnly, let item = elements[nextElement...].first(where: { $0.isItem && $0.start > commentStart }) {
                        lineEndOfItem[item.start, default: []].append(gap + "#" + text)
                    } else if let owner = elements[..<upTo].last(where: { $0.start <= last && last < $0.end }) {
                        let suffix = gap + "#" + text
                        if owner.isItem { lineEndOfItem[owner.start, default: []].append(suffix) } else { lineEndOfEntry[owner.start, default: []].append(suffix) }
                    } else if let next = elements.first(where: { $0.start > commentStart }) {
                        add([.comment(text)], before: next)
                    } else {
                        document.append(.comment(text))
                    }
                }
                continue
            }
            // A comment on a line of its own.
            let text = String(decoding: bytes[(commentStart + 1)..<lineEnd], as: UTF8.self)
            comments.append(text)
            let lines: [TriviaLine] = (blankAbove ? [.blank] : []) + [.comment(text)]
            blankAbove = false
            if let block = Self.endedBlock(before: commentStart, column: commentStart - lineStart, elements: elements[..<nextElement], containers: containers) {
                let start = containers[block].start
                if containers[block].isMapping { afterMapping[start, default: []] += lines } else { afterList[start, default: []] += lines }
            } else if let next {
                add(lines, before: next)
            } else {
                document += lines
            }
        }
    }

    /// The innermost block that has ended before `offset` and whose elements start at or left of `column`.
    private static func endedBlock(before offset: Int, column: Int, elements: ArraySlice<Element>, containers: [Container]) -> Int? {
        guard let previous = elements.last(where: { $0.end <= offset }) else { return nil }
        var candidate: Int? = previous.container
        while let index = candidate {
            let container = containers[index]
            guard container.end <= offset else { return nil }
            if container.isBlock, container.column <= column { return index }
            candidate = container.parent
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    subscript(safe index: Int) -> UInt8? {
        indices.contains(index) ? self[index] : nil
    }
}
