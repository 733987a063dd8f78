// libFuzzer entry: any bytes as a CSV and as a JSON Lines dataset, read as found (dialect,
// encoding, values as written) and again as Windows-1252 with rows that do not fit kept; when
// they load, an ICP is evaluated over them, with amounts, bands and percentages in its
// conditions. Errors are expected; crashes, hangs and wrong memory access are not.
let fuzzICPText = """
    icp: fuzz
    min_score: 20
    tiers: {a: 50, b: 0}
    parameters:
      - {field: a, mode: filter, exists: true}
      - {field: b, mode: score, in: [x, "1", yes]}
      - {field: c, mode: score, min: 1, max: 2026-01-01}
      - {field: d, mode: exclude, contains_any: [z]}
      - {field: e, mode: score, min: $5M, max: 20%}
      - {field: f, mode: filter, in: ["51-200", "10,000+"], missing: pass}
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var kept = ReadingSettings()
    kept.encoding = .windows1252
    kept.badRows = .keep
    let fields = ["d": FieldOverride(type: .list, separator: ";")]
    let readings = [DatasetOptions(missingValues: ["N/A"], fields: fields), DatasetOptions(missingValues: ["-"], fields: fields, reading: kept)]
    guard let icp = ICPDocument(text: fuzzICPText, format: .yaml).icp else { return 0 }
    for format in [DatasetFormat.csv, .jsonLines] {
        for options in readings {
            guard let store = try? DatasetLoader.load(bytes, name: "fuzz", format: format, options: options) else { continue }
            let engine = Engine(accounts: store, contacts: store, settings: EvaluationSettings(asOf: CalendarDate(daysSinceEpoch: 20_000), accountIDField: "a", contactAccountField: "b"))
            let evaluation = engine.evaluate(icp)
            _ = ICPPreview(icp: icp, evaluation: evaluation)
            _ = DataChecks.fieldsAndValues(of: icp, engine: engine, datasetName: "fuzz")
            if store.rowCount > 0 { _ = evaluation.score(ofRow: store.rowCount - 1) }
        }
    }
    return 0
}
