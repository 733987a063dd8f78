import CYaml

/// Reads YAML into a ``SyntaxTree`` through libyaml's event stream.
///
/// Yams' node API keeps only where a node starts and gives up on the first error; libyaml
/// (bundled with Yams as `CYaml`) reports start and end of every event and every event before
/// an error. So ranges are exact and a broken document still yields the tree above the break.
/// No tag resolution happens here: scalars stay text (`country: NO` is "NO").
struct YAMLReader {
    let source: SourceText
    /// Byte offset of each Unicode scalar, for texts that are not plain ASCII (libyaml counts scalars).
    private let scalarOffsets: [Int]?

    init(source: SourceText) {
        self.source = source
        if source.bytes.allSatisfy({ $0 < 0x80 }) {
            scalarOffsets = nil
        } else {
            var offsets: [Int] = []
            offsets.reserveCapacity(source.bytes.count + 1)
            for (offset, byte) in source.bytes.enumerated() where byte & 0xC0 != 0x80 {
                offsets.append(offset)
            }
            offsets.append(source.bytes.count)
            scalarOffsets = offsets
        }
    }

    /// An open mapping or list. Its children are appended in place on the stack, so a list of
    /// n items costs O(n), not a copy per item.
    private struct Frame {
        var isMapping: Bool
        var start: Int
        var isFlow: Bool
        var anchor: String?
        var entries: [MappingEntry] = []
        var items: [SyntaxNode] = []
        var pendingKey: SyntaxNode?
    }

    private struct Builder {
        var stack: [Frame] = []
        var root: SyntaxNode?
        var anchors: [String: SyntaxNode] = [:]

        mutating func add(_ node: SyntaxNode) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            if !stack[top].isMapping {
                stack[top].items.append(node)
            } else if let key = stack[top].pendingKey {
                stack[top].entries.append(MappingEntry(key: key, value: node))
                stack[top].pendingKey = nil
            } else {
                stack[top].pendingKey = node
            }
        }

        /// Closes the innermost open mapping or list; `end` is where its closing bracket ends (flow only).
        mutating func close(end flowEnd: Int?, source: SourceText) {
            guard let frame = stack.popLast() else { return }
            let node: SyntaxNode
            if frame.isMapping {
                // A key whose value the error cut off is dropped: its value is unknown, not empty.
                let end = (frame.isFlow ? flowEnd : nil) ?? frame.entries.last.map { $0.value.range.end.offset } ?? frame.start
                node = .mapping(MappingNode(entries: frame.entries, range: source.range(from: frame.start, to: end)))
            } else {
                let end = (frame.isFlow ? flowEnd : nil) ?? frame.items.last?.range.end.offset ?? frame.start + 1
                node = .sequence(SequenceNode(items: frame.items, range: source.range(from: frame.start, to: end), isFlow: frame.isFlow))
            }
            if let anchor = frame.anchor { anchors[anchor] = node }
            add(node)
        }
    }

    func read() -> SyntaxTree {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return SyntaxTree(source: source, root: nil, errors: [SyntaxError(message: "The YAML reader could not start (out of memory).", range: SourceRange(at: .start))])
        }
        defer { yaml_parser_delete(&parser) }
        return source.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return readEvents(&parser)
        }
    }

    private func readEvents(_ parser: inout yaml_parser_t) -> SyntaxTree {
        var builder = Builder()
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let error = syntaxError(from: parser)
                while !builder.stack.isEmpty { builder.close(end: nil, source: source) }
                return SyntaxTree(source: source, root: builder.root, errors: [error])
            }
            defer { yaml_event_delete(&event) }
            let start = offset(ofScalarIndex: event.start_mark.index)
            let end = offset(ofScalarIndex: event.end_mark.index)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return SyntaxTree(source: source, root: builder.root, errors: [])
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    let message = "A file holds one ICP, but a second YAML document starts here; move it to a file of its own or remove the `---`."
                    return SyntaxTree(source: source, root: builder.root, errors: [SyntaxError(message: message, range: source.range(from: start, to: max(end, start + 3)))])
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let style: ScalarStyle = switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
                default: .plain
                }
                // An anchor or tag (`&f industry`, `!!str 1`) is not the value: the range starts after it,
                // so an edit of the value (a rename) keeps the anchor its aliases point to.
                let valueStart = scalar.anchor == nil && scalar.tag == nil ? start : afterProperties(start: start, end: end)
                let node = SyntaxNode.scalar(ScalarNode(text: text, style: style, range: source.range(from: valueStart, to: trimmedEnd(start: valueStart, end: end))))
                if let anchor = Self.string(scalar.anchor) { builder.anchors[anchor] = node }
                builder.add(node)
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let node = builder.anchors[name] else {
                    let error = SyntaxError(message: "The alias `*\(name)` names no anchor defined above it; define `&\(name)` first.", range: source.range(from: start, to: end))
                    while !builder.stack.isEmpty { builder.close(end: nil, source: source) }
                    return SyntaxTree(source: source, root: builder.root, errors: [error])
                }
                builder.add(node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard builder.stack.count < SyntaxTree.maximumDepth else {
                    let error = SyntaxError(message: "The document nests deeper than \(SyntaxTree.maximumDepth) levels; an ICP needs only a few.", range: source.range(from: start, to: end))
                    while !builder.stack.isEmpty { builder.close(end: nil, source: source) }
                    return SyntaxTree(source: source, root: builder.root, errors: [error])
                }
                if event.type == YAML_SEQUENCE_START_EVENT {
                    let data = event.data.sequence_start
                    builder.stack.append(Frame(isMapping: false, start: start, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, anchor: Self.string(data.anchor)))
                } else {
                    let data = event.data.mapping_start
                    builder.stack.append(Frame(isMapping: true, start: start, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, anchor: Self.string(data.anchor)))
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                builder.close(end: end, source: source)
            default:
                break
            }
        }
    }

    /// The end of a scalar without the line breaks and indentation a block scalar's event includes.
    /// The offset of a node's content after its properties (`&anchor`, `!tag`, in either order)
    /// and the white space, line breaks and comments around them.
    private func afterProperties(start: Int, end: Int) -> Int {
        let bytes = source.bytes
        var offset = start
        while offset < end {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "!") {
                while offset < end, ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[offset]) { offset += 1 }
            } else if [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(byte) {
                offset += 1
            } else if byte == UInt8(ascii: "#") {
                while offset < end, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
            } else {
                break
            }
        }
        return offset < end ? offset : start
    }

    private func trimmedEnd(start: Int, end: Int) -> Int {
        var end = end
        while end > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(source.bytes[end - 1]) {
            end -= 1
        }
        return end
    }

    private func offset(ofScalarIndex index: Int) -> Int {
        guard let scalarOffsets else { return min(max(index, 0), source.bytes.count) }
        return scalarOffsets[min(max(index, 0), scalarOffsets.count - 1)]
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libyaml's error, said so that the user knows what to change, placed where the fix goes.
    private func syntaxError(from parser: yaml_parser_t) -> SyntaxError {
        let problem = Self.string(parser.problem) ?? "unknown problem"
        let context = Self.string(parser.context)
        let problemOffset = offset(ofScalarIndex: parser.problem_mark.index)
        let contextOffset = offset(ofScalarIndex: parser.context_mark.index)
        let advice: String
        var at = problemOffset
        switch problem {
        case "could not find expected ':'":
            advice = "Expected `key: value`; add the `:` after the key, or indent this line under the key it belongs to."
            if context != nil { at = contextOffset }
        case "mapping values are not allowed in this context":
            advice = "A `:` followed by a space is not allowed here; put the text in quotes if it contains `: `, or fix the indentation."
        case "found a tab character that violates indentation":
            advice = "YAML cannot indent with tab characters; indent with spaces."
        case "found character that cannot start any token" where problemOffset < source.bytes.count && source.bytes[problemOffset] == UInt8(ascii: "\t"):
            advice = "YAML cannot indent with tab characters; indent with spaces."
        case "found unexpected end of stream" where context?.contains("quoted scalar") == true:
            advice = "This quoted text is never closed; add the closing quote."
            at = contextOffset
        case "did not find expected ',' or ']'":
            advice = "This list is not closed; add `]` at its end, or a `,` between items."
            if context != nil { at = contextOffset }
        case "did not find expected ',' or '}'":
            advice = "This mapping is not closed; add `}` at its end, or a `,` between pairs."
            if context != nil { at = contextOffset }
        case let problem where problem.hasPrefix("Maximum nesting level reached"):
            advice = "The document nests too deeply here; an ICP needs only a few levels."
        case "did not find expected key":
            advice = "This line does not line up with the keys of the mapping above; check its indentation."
        case "did not find expected '-' indicator":
            advice = "This line does not line up with the list above; list items start with `- ` at the same indentation."
        case "found undefined tag handle", "did not find URI escaped octet", "found unknown escape character", "found unexpected end of stream":
            advice = "The YAML is cut short or malformed here."
        default:
            advice = "The YAML is malformed here."
        }
        let detail = context.map { "\(problem) \($0)" } ?? problem
        let position = source.position(atOffset: at)
        var end = at
        if end < source.bytes.count, source.bytes[end] != UInt8(ascii: "\n"), source.bytes[end] != UInt8(ascii: "\r") {
            end += SourceText.scalarWidth(lead: source.bytes[end])
        }
        return SyntaxError(message: "\(advice) (YAML: \(detail))", range: SourceRange(start: position, end: source.position(atOffset: end)))
    }
}
