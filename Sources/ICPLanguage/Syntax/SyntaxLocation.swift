/// One step from the root of a document to a node: a mapping key or a list index.
public enum PathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// Where an offset falls in a syntax tree: the path of keys and indices to the innermost node
/// holding it, and whether it is on a key rather than a value.
public struct SyntaxLocation: Sendable {
    public var path: [PathStep]
    public var node: SyntaxNode
    /// On the key named by the last step (the node is then the key's scalar).
    public var isKey: Bool

    /// The path's keys and indices, e.g. `parameters`, 2, `field` → (["parameters", "field"], [2]).
    public var keys: [String] {
        path.compactMap { if case .key(let key) = $0 { key } else { nil } }
    }

    /// The index of the parameter the location is in, when it is under the ICP's `parameters`.
    public var parameterIndex: Int? {
        guard path.count >= 2, path[0] == .key(ICPKey.parameters.rawValue), case .index(let index) = path[1] else { return nil }
        return index
    }
}

extension SyntaxTree {
    /// The innermost node at `offset` (a cursor just after a node's last character still counts).
    public func location(at offset: Int) -> SyntaxLocation? {
        guard let root, root.range.contains(offset: offset) else { return nil }
        var location = SyntaxLocation(path: [], node: root, isKey: false)
        var node = root
        descending: while true {
            switch node {
            case .scalar:
                return location
            case .mapping(let mapping):
                for entry in mapping.entries {
                    guard let key = entry.key.scalar else { continue }
                    if entry.key.range.contains(offset: offset) {
                        return SyntaxLocation(path: location.path + [.key(key.text)], node: entry.key, isKey: true)
                    }
                    if entry.value.range.contains(offset: offset), !entry.value.isNull {
                        location = SyntaxLocation(path: location.path + [.key(key.text)], node: entry.value, isKey: false)
                        node = entry.value
                        continue descending
                    }
                }
                return location
            case .sequence(let sequence):
                for (index, item) in sequence.items.enumerated() where item.range.contains(offset: offset) {
                    location = SyntaxLocation(path: location.path + [.index(index)], node: item, isKey: false)
                    node = item
                    continue descending
                }
                return location
            }
        }
    }
}

extension SyntaxTree {
    /// The ranges holding `offset`, innermost first, each holding the one before: a value, the
    /// list it is in, its `key: value` pair, the mapping (a parameter), the list of parameters,
    /// its pair, the whole document. What an editor's "expand selection" steps through.
    public func enclosingRanges(at offset: Int) -> [SourceRange] {
        guard let root, root.range.contains(offset: offset) else { return [] }
        var ranges = [root.range]
        var node = root
        descending: while true {
            switch node {
            case .scalar:
                break descending
            case .mapping(let mapping):
                guard let entry = mapping.entries.first(where: { $0.key.range.union($0.value.range).contains(offset: offset) }) else { break descending }
                ranges.append(entry.key.range.union(entry.value.range))
                if entry.key.range.contains(offset: offset) || entry.value.isNull {
                    ranges.append(entry.key.range)
                    break descending
                }
                node = entry.value
                ranges.append(node.range)
            case .sequence(let sequence):
                guard let item = sequence.items.first(where: { $0.range.contains(offset: offset) }) else { break descending }
                node = item
                ranges.append(item.range)
            }
        }
        var innermostFirst: [SourceRange] = []
        for range in ranges.reversed() where innermostFirst.last != range {
            innermostFirst.append(range)
        }
        return innermostFirst
    }
}
