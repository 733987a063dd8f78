// libFuzzer entry: any text through the writers of outputs strangers read. The CSV writer's row
// must parse back (RFC 4180, read here independently) into the same cells, a guarded cell with
// its leading `'`; markdown text must hold no line break and no unescaped character that starts
// an element, link or code span; a code span must be one span; a fence must be closed by its own
// fence only. A broken property traps, which libFuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWriters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let cells = text.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)

    for guarding in [false, true] {
        let row = cells.map { CSVWriting.cell($0, guardingFormulas: guarding) }.joined(separator: ",") + "\n"
        let read = readRow(row)
        precondition(read.count == cells.count, "a CSV row parsed into \(read.count) cells, not \(cells.count)")
        for (written, original) in zip(read, cells) {
            precondition(written == original || (guarding && written == "'" + original), "a CSV cell read back differently")
        }
    }

    let prose = Markdown.text(text)
    precondition(!prose.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }, "markdown text holds a line break")
    var escapedNext = false
    for scalar in prose.unicodeScalars {
        if !escapedNext, "<>[]`*_|&!".unicodeScalars.contains(scalar) { preconditionFailure("markdown text holds an unescaped \(scalar)") }
        escapedNext = !escapedNext && scalar == "\\"
    }

    // Markdown is read code point by code point (a combining mark after a fence's backtick is
    // the text's, not the fence's), so the checks look at scalars, not characters.
    let code = Array(Markdown.code(text, inTable: true).unicodeScalars)
    if !code.isEmpty {
        let fence = code.prefix { $0 == "`" }.count
        precondition(code.count >= 2 * fence && code.suffix(fence).allSatisfy { $0 == "`" }, "a code span is not closed by its fence")
        let inner = code.dropFirst(fence).dropLast(fence)
        var run = 0
        for scalar in inner {
            run = scalar == "`" ? run + 1 : 0
            precondition(run < fence, "a code span holds its own fence")
            precondition(scalar != "\n" && scalar != "\r", "a code span holds a line break")
        }
    }

    let block = Markdown.fence(text, info: "diff").unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    let fence = block[0].prefix { $0 == "`" }.count
    precondition(block.last.map { $0.count == fence && $0.allSatisfy { $0 == "`" } } == true, "a fenced block does not end with its fence")
    for line in block.dropFirst().dropLast() {
        precondition(line.drop { $0 == " " }.prefix { $0 == "`" }.count < fence, "a line of a fenced block could close it")
        precondition(!line.contains("\r"), "a fenced block holds a carriage return")
    }
    return 0
}

/// One record of RFC 4180 CSV ending in a line feed: its fields.
private func readRow(_ row: String) -> [String] {
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var scalars = row.unicodeScalars[...]
    while let first = scalars.first {
        if first == "\"" {
            scalars = scalars.dropFirst()
            while let next = scalars.first {
                scalars = scalars.dropFirst()
                if next == "\"" {
                    if scalars.first == "\"" { field.append("\""); scalars = scalars.dropFirst() } else { break }
                } else {
                    field.append(next)
                }
            }
        } else {
            while let next = scalars.first, next != ",", next != "\n" {
                precondition(next != "\r" && next != "\"", "an unquoted CSV field holds a carriage return or a quote")
                field.append(next)
                scalars = scalars.dropFirst()
            }
        }
        guard let separator = scalars.first else { break }
        scalars = scalars.dropFirst()
        fields.append(String(field))
        field = String.UnicodeScalarView()
        if separator == "\n" { precondition(scalars.isEmpty, "a CSV row holds a line break outside quotes"); return fields }
    }
    return fields
}
