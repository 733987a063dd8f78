// libFuzzer entry: any bytes as an ICP file (YAML and JSON) and as a workspace file, through
// parsing, lowering and every data-free check. Must never crash, hang or blow the stack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let context = CheckContext(asOf: CalendarDate(daysSinceEpoch: 20_758))
    for format in [SourceFormat.yaml, .json] {
        let document = ICPDocument(text: text, format: format)
        let diagnostics = document.check(in: context)
        for diagnostic in diagnostics {
            _ = document.source.column(of: diagnostic.range.start, in: .utf16)
            _ = document.source.column(of: diagnostic.range.end, in: .unicodeScalars)
        }
        if let location = document.tree.location(at: size / 2) { _ = location.keys }
    }
    _ = WorkspaceDocument(text: text).diagnostics
    return 0
}
