import ICPLanguage
/// `data-reading` on the workspace file (checks.md): what the reading of the accounts file could
/// not settle, each with the line of settings that settles it, and the rows `bad_rows` left out
/// or fitted. Placed on the accounts entry of `datasets`.
public enum ReadingChecks {
    public static func workspace(_ config: WorkspaceConfig, engine: Engine) -> [Diagnostic] {
        guard let place = config.accounts?.range else { return [] }
        var diagnostics = engine.accounts.columns.flatMap { column in
            column.reading.questions.map { Diagnostic(.dataReading, place, $0.message) }
        }
        let reading = engine.accounts.reading
        if let question = reading.headerQuestion {
            diagnostics.append(Diagnostic(.dataReading, place, "The accounts file: " + question + "."))
        }
        if reading.badRows > 0 {
            let lines = reading.badRowLines.map(String.init).joined(separator: ", ") + (reading.badRows > reading.badRowLines.count ? ", ..." : "")
            let did = reading.badRowsPolicy == .skip ? "were left out" : "were kept, fitted to the header (short rows padded with missing cells, extra empty fields dropped)"
            diagnostics.append(Diagnostic(.dataReading, place,
                "\(CountFormat.grouped(reading.badRows)) row\(reading.badRows == 1 ? "" : "s") of the accounts file did not fit the header (the file reads as \(reading.description)) and \(did) under `bad_rows: \(reading.badRowsPolicy.rawValue)`: line\(reading.badRowLines.count == 1 ? "" : "s") \(lines). Fix those lines to count them as they are."))
        }
        return diagnostics
    }
}
