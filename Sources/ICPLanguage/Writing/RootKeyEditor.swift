/// A top-level key of an ICP file (`name`, `status`) set to a value, as one small text change:
/// replaced where it is written, else added after the `icp` line (or pair, in flow style or JSON).
public enum RootKeyEditor {
    public static func setting(_ key: String, to value: String, in tree: SyntaxTree, format: SourceFormat) -> TextChange? {
        guard let root = tree.root?.mapping else { return nil }
        let written = format == .json ? value.jsonQuoted : ICPFileText.yamlText(value)
        if let entry = root.entries.first(where: { $0.key.scalar?.text == key }) {
            return TextChange(start: entry.value.range.start.offset, end: entry.value.range.end.offset, text: written)
        }
        guard let anchor = root.entries.first(where: { $0.key.scalar?.text == ICPKey.icp.rawValue }) ?? root.entries.first else { return nil }
        let source = tree.source
        let flow = format == .json || source.bytes[root.range.start.offset] == UInt8(ascii: "{")
        if flow {
            let keyText = format == .json ? key.jsonQuoted : key
            return TextChange(start: anchor.value.range.end.offset, end: anchor.value.range.end.offset, text: ", \(keyText): \(written)")
        }
        let line = anchor.value.range.end.line
        let offset = line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
        let newline = source.bytes.contains(UInt8(ascii: "\r")) ? "\r\n" : "\n"
        let needsBreak = offset == source.bytes.count && source.bytes.last != UInt8(ascii: "\n")
        let indent = String(repeating: " ", count: anchor.key.range.start.column)
        return TextChange(start: offset, end: offset, text: (needsBreak ? newline : "") + "\(indent)\(key): \(written)\(newline)")
    }
}
