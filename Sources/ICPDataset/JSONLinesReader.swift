import ICPLanguage
import ICPEngine

/// Reads JSON Lines: one JSON object per line. Keys become columns in order of first
/// appearance; an absent key, `null`, `""` and `[]` are missing; arrays make a list column;
/// numbers and booleans keep their text and are typed like CSV cells.
struct JSONLinesReader {
    let bytes: [UInt8]
    let file: String
    let missing: MissingValues

    func read() throws(DatasetError) -> (columns: [RawColumn], rowCount: Int) {
        try DatasetError.checkUTF8(bytes, file: file)
        var columns: [RawColumn] = []
        var position: [String: Int] = [:]
        var rowCount = 0
        var lineNumber = 0
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start <= bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            guard end - start <= DatasetLoader.maximumFieldSize else {
                throw DatasetError(file: file, line: lineNumber, message: "this line is \((end - start) / 1024) KB; lines are limited to 1 MB. Is this a JSON Lines file (one object per line)?")
            }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            if text.trimmingWhitespace().isEmpty { continue }
            let tree = SyntaxTree.parse(text, format: .json)
            if let error = tree.errors.first {
                throw DatasetError(file: file, line: lineNumber, message: "not valid JSON at column \(tree.source.column(of: error.range.start, in: .unicodeScalars) + 1): \(error.message)")
            }
            guard let object = tree.root?.mapping else {
                throw DatasetError(file: file, line: lineNumber, message: "each line must be one JSON object (`{\"id\": ..., ...}`), but this one is \(tree.root?.kindDescription ?? "empty").")
            }
            var seen = Set<Int>()
            for entry in object.entries {
                guard let key = entry.key.scalar?.text else { continue }
                let index: Int
                if let known = position[key] {
                    index = known
                } else {
                    guard columns.count < DatasetLoader.maximumColumns else { throw DatasetLoader.tooManyColumns(file: file, line: lineNumber) }
                    index = columns.count
                    position[key] = index
                    var column = RawColumn(name: key)
                    for _ in 0..<rowCount { column.appendMissing() }
                    columns.append(column)
                }
                guard seen.insert(index).inserted else {
                    throw DatasetError(file: file, line: lineNumber, message: "the key \"\(key)\" appears twice in this object; remove one.")
                }
                append(entry.value, to: &columns[index], source: tree.source)
            }
            for index in columns.indices where !seen.contains(index) { columns[index].appendMissing() }
            rowCount += 1
        }
        return (columns, rowCount)
    }

    private func append(_ node: SyntaxNode, to column: inout RawColumn, source: SourceText) {
        switch node {
        case .scalar(let scalar):
            if scalar.isNull { column.appendMissing() } else if let text = missing.present(scalar.text) { column.append(text) } else { column.appendMissing() }
        case .sequence(let sequence):
            let elements = sequence.items.compactMap { item -> String? in
                guard let scalar = item.scalar else { return missing.present(text(of: item, in: source)) }
                return scalar.isNull ? nil : missing.present(scalar.text)
            }
            if elements.isEmpty { column.appendMissing() } else { column.append(list: elements) }
        case .mapping:
            if let text = missing.present(text(of: node, in: source)) { column.append(text) } else { column.appendMissing() }
        }
    }

    /// A nested value kept as its JSON text.
    private func text(of node: SyntaxNode, in source: SourceText) -> String {
        String(decoding: source.bytes[node.range.start.offset..<node.range.end.offset], as: UTF8.self)
    }
}
