// libFuzzer entry: any bytes as a sentence for `icp draft` and as an instruction for
// `icp refine`, applied to the rest of the input read as an ICP file (YAML, then JSON). The
// dataset is small and fixed. What must hold: no crash or hang; a draft that is written reads
// back without a syntax or schema error and with the code it was given; a refinement that
// succeeds never adds an error (refine checks that itself) and leaves the file's text valid UTF-8.
let fuzzBuilderData = """
    id,industry,country,employees,revenue_usd,founded_year,last_funding_date,headcount_growth,tech_stack,is_customer
    1,Software,US,120,12000000,2015,2026-05-01,12.5,aws;hubspot,false
    2,Fintech,DE,900,250000000,2001,2025-11-20,-3,salesforce;gcp,true
    3,Retail,GB,45,3000000,2019,,40,shopify,false
    4,Health Care,FR,5000,1200000000,1990,2024-01-10,1.5,azure;salesforce,false
    """

let fuzzBuilderEngine: Engine = {
    let options = DatasetOptions(missingValues: [], fields: ["tech_stack": FieldOverride(type: .list, separator: ";")])
    let store = (try? DatasetLoader.load(Array(fuzzBuilderData.utf8), name: "fuzz", format: .csv, options: options)) ?? ColumnStore(rowCount: 0, columns: [])
    return Engine(accounts: store, settings: EvaluationSettings(asOf: CalendarDate(daysSinceEpoch: 20_758), accountIDField: "id", contactAccountField: "id"))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBuilder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let newline = text.firstIndex(of: "\n") ?? text.endIndex
    let sentence = String(text[..<newline])
    let file = newline < text.endIndex ? String(text[text.index(after: newline)...]) : ""
    let engine = fuzzBuilderEngine
    let draft = engine.draft(sentence)
    if !draft.parameters.isEmpty, draft.conflicts.isEmpty {
        for written in [draft.file(code: "draft", name: draft.suggestedName).yaml, draft.file(code: "draft", name: sentence).json] {
            let format: SourceFormat = written.hasPrefix("{") ? .json : .yaml
            let document = ICPDocument(text: written, format: format)
            let errors = document.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty || document.icp?.code?.value != "draft" {
                fatalError("a drafted file does not read back: \(errors.map(\.message)) in\n\(written)")
            }
        }
    }
    for format in [SourceFormat.yaml, .json] {
        if case .success(let refined) = engine.refine(file, format: format, instruction: sentence) {
            _ = ICPDocument(text: refined.text, format: format)
        }
    }
    return 0
}
