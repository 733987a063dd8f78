import FoundationEssentials
import ICPLanguage
import ICPEngine

/// How a dataset's cells are read: the workspace's `missing_values` and `fields` (format.md, The workspace file).
public struct DatasetOptions: Sendable {
    public var missingValues: [String]
    public var fields: [String: FieldOverride]
    /// How the file is written, where the workspace says (`encoding`, `delimiter`...).
    public var reading: ReadingSettings

    public init(missingValues: [String] = [], fields: [String: FieldOverride] = [:], reading: ReadingSettings = ReadingSettings()) {
        self.missingValues = missingValues
        self.fields = fields
        self.reading = reading
    }

    /// The options of `table` under `config`.
    public init(config: WorkspaceConfig, table: ColumnReference.Table = .accounts) {
        self.init(missingValues: config.missingValues, fields: config.fields, reading: table == .accounts ? config.accountsReading : config.contactsReading)
    }

    /// A hash of the options: equal options, equal fingerprints (part of the cache key).
    public var fingerprint: UInt64 {
        let text = missingValues.joined(separator: "\u{1}") + "\u{2}" + fields.keys.sorted().map { name in
            let field = fields[name]
            return "\(name)=\(field?.type.rawValue ?? ""):\(field?.separator ?? ""):\(field?.format?.written ?? ""):\(field.flatMap(\.unit).map { "\($0.scale)\($0.currency ?? "")\($0.percent)" } ?? "")"
        }.joined(separator: "\u{1}") + "\u{2}" + reading.fingerprint
        return Array(text.utf8).withUnsafeBytes { ByteHash.of($0) }
    }
}

/// What a data file was when it was read: size, modification time, a hash of its content
/// (see ``DatasetCache``) and the reading options. Equal stamps, nothing to read again.
public struct DatasetStamp: Sendable, Equatable {
    let key: DatasetCache.Key

    init(key: DatasetCache.Key) {
        self.key = key
    }

    /// The content hash (hexadecimal), by which outputs name the data they were computed on.
    public var contentHash: String { String(key.contentHash, radix: 16) }

    /// The stamp of the file at `url` as it is now; nil when it cannot be read.
    public init?(of url: URL, options: DatasetOptions) {
        guard let key = DatasetCache.key(for: url, options: options) else { return nil }
        self.key = key
    }
}

/// The notation of a dataset file.
public enum DatasetFormat: Sendable {
    case csv
    case jsonLines

    /// JSON Lines for `.jsonl`, `.ndjson` and `.json`; CSV otherwise.
    public init(fileName: String) {
        let lowered = fileName.lowercased()
        self = [".jsonl", ".ndjson", ".json"].contains { lowered.hasSuffix($0) } ? .jsonLines : .csv
    }
}

/// Reads a CSV or JSON Lines dataset into a ``ColumnStore``.
public enum DatasetLoader {
    /// Data files larger than this are refused with a message rather than read into memory.
    public static let maximumFileSize = 2 * 1024 * 1024 * 1024
    /// A CSV field or a JSON Lines line longer than this is an error naming its line.
    public static let maximumFieldSize = 1024 * 1024
    /// A dataset with more columns than this is refused: every column costs memory for every
    /// row, so a header of millions of names (or JSON Lines with a new key on each line) would
    /// take gigabytes for a few megabytes of input.
    public static let maximumColumns = 2_000

    static func tooManyColumns(file: String, line: Int) -> DatasetError {
        DatasetError(file: file, line: line, message: "more than \(CountFormat.grouped(maximumColumns)) columns; icp reads datasets of up to \(CountFormat.grouped(maximumColumns)) columns. Keep the columns the ICPs use (or export fewer fields).")
    }

    /// Reads the file at `url`, from its on-disk cache when that is current (see ``DatasetCache``);
    /// `name` is how errors refer to it. With `cache`, a fresh read is saved for next time.
    /// `progress`, when given, counts the file's size towards its total and is told of the
    /// bytes and rows read as reading goes.
    public static func load(_ url: URL, name: String, options: DatasetOptions, cache: Bool = true, progress: LoadProgress? = nil) throws(DatasetError) -> ColumnStore {
        try read(url, name: name, options: options, cache: cache, progress: progress).store
    }

    /// ``load(_:name:options:cache:progress:)``, with the stamp of the file as it was read.
    public static func read(_ url: URL, name: String, options: DatasetOptions, cache: Bool = true, progress: LoadProgress? = nil) throws(DatasetError) -> (store: ColumnStore, stamp: DatasetStamp?) {
        let file: RegularFile
        do {
            file = try RegularFile(opening: url)
        } catch {
            throw DatasetError(file: name, line: nil, message: "\(error.message); \(advice(for: error))")
        }
        guard file.size <= maximumFileSize else {
            throw DatasetError(file: name, line: nil, message: "is \(file.size / 1_048_576) MB; icp reads data files up to 2 GB. Use a sample of the data (for example every tenth row).")
        }
        progress?.expect(bytes: file.size)
        FreedMemory.prepare(forReading: file.size)
        // A file the key hashes whole is read once: for the key and, on a miss, for parsing.
        var whole = file.size <= DatasetCache.fullHashLimit ? try readAll(file, name: name) : nil
        let key = DatasetCache.key(for: file, content: whole, options: options)
        let stamp = key.map(DatasetStamp.init(key:))
        if cache, let key, let cached = DatasetCache.read(for: url, key: key) {
            progress?.advance(bytes: file.size, rows: cached.rowCount)
            return (cached, stamp)
        }
        let format = DatasetFormat(fileName: url.lastPathComponent)
        var reading = DatasetReading()
        var raw: CSVTable
        if format == .csv {
            raw = try readDelimited(file, whole: &whole, name: name, options: options, progress: progress, reading: &reading)
        } else {
            if progress?.isCancelled == true { throw DatasetError(file: name, line: nil, message: "the read was cancelled (the settings changed).") }
            var bytes: [UInt8]
            if let read = whole {
                bytes = read
            } else {
                // A file too large to hash whole is read whole only once no line of it is over the limits.
                try refuseOverlongLines(file, name: name, format: format)
                bytes = try readAll(file, name: name)
            }
            whole = nil
            raw = try parse(bytes, name: name, format: format, options: options, progress: progress, reading: &reading)
            bytes = []
        }
        progress?.enter("typing \(raw.columns.count) columns of \(name)")
        let store = typed(&raw, options: options, reading: reading)
        FreedMemory.release()
        if cache, let key {
            progress?.enter("saving \(name)'s cache for the next start")
            DatasetCache.save(store, for: url, key: key)
        }
        progress?.enter(nil)
        return (store, stamp)
    }

    /// Reads a delimited file: its encoding from the setting or its byte order mark, its dialect
    /// from the setting or its first lines, then its rows, in stretches on every core when it is
    /// large and UTF-8 (never whole in memory), else whole.
    private static func readDelimited(_ file: RegularFile, whole: inout [UInt8]?, name: String, options: DatasetOptions, progress: LoadProgress?, reading: inout DatasetReading) throws(DatasetError) -> CSVTable {
        let settings = options.reading
        let head: [UInt8]
        if let whole {
            head = Array(whole.prefix(1_048_576))
        } else {
            do { head = try file.read(at: 0, count: min(file.size, 1_048_576)) } catch { throw DatasetError(file: name, line: nil, message: "cannot be read (\(error.message)).") }
        }
        let mark = TextDecoding.byteOrderMark(head)
        let encoding = settings.encoding ?? mark?.0 ?? .utf8
        reading.encoding = encoding
        reading.byteOrderMark = mark != nil && mark?.0 == encoding
        if settings.encoding != nil { reading.declared.insert("encoding") }
        let offset = reading.byteOrderMark ? mark?.1 ?? 0 : 0
        if encoding == .utf8 {
            var text = Array(head[offset...])
            let complete = head.count == file.size
            if !complete, let lastLine = text.lastIndex(of: 0x0A) { text.removeSubrange((lastLine + 1)...) }
            if let invalid = UTF8Validation.firstInvalidOffset(in: text) {
                throw TextDecoding.notUTF8(Array(head[offset...]), at: invalid, file: name, declared: settings.encoding != nil)
            }
            var dialect = DialectSniffer.sniff(text, settings: settings, whole: complete)
            note(dialect, settings: settings, in: &reading)
            if whole == nil, settings.badRows == .stop, let read = CSVReader.read(file, name: name, missing: MissingValues(options.missingValues), dialect: dialect, offset: offset, progress: progress) {
                return read
            }
            if progress?.isCancelled == true { throw DatasetError(file: name, line: nil, message: "the read was cancelled (the settings changed).") }
            var bytes: [UInt8]
            if let read = whole {
                bytes = read
            } else {
                try refuseOverlongLines(file, name: name, format: .csv)
                bytes = try readAll(file, name: name)
            }
            whole = nil
            dialect.tableStart += offset
            defer { bytes = [] }
            return try CSVReader(bytes: bytes, file: name, missing: MissingValues(options.missingValues), dialect: dialect, badRows: settings.badRows, progress: progress).read()
        }
        var bytes: [UInt8]
        if let read = whole { bytes = read } else { bytes = try readAll(file, name: name) }
        whole = nil
        let decoded = try TextDecoding.utf8(Array(bytes[offset...]), from: encoding, file: name)
        bytes = []
        let dialect = DialectSniffer.sniff(Array(decoded.prefix(1_048_576)), settings: settings, whole: decoded.count <= 1_048_576)
        note(dialect, settings: settings, in: &reading)
        return try CSVReader(bytes: decoded, file: name, missing: MissingValues(options.missingValues), dialect: dialect, badRows: settings.badRows, progress: progress).read()
    }

    /// Records the dialect a read used, and which of it was declared.
    private static func note(_ dialect: Dialect, settings: ReadingSettings, in reading: inout DatasetReading) {
        reading.delimiter = dialect.delimiter
        reading.quote = dialect.quote.map { .character($0) } ?? QuoteSetting.none
        reading.header = dialect.header
        reading.headerDoubt = dialect.headerDoubt
        reading.headerLine = dialect.tableLine
        reading.preambleLines = dialect.preambleLines
        reading.badRowsPolicy = settings.badRows
        if settings.delimiter != nil { reading.declared.insert("delimiter") }
        if settings.quote != nil { reading.declared.insert("quote") }
        if settings.header != nil { reading.declared.insert("header") }
    }

    /// A CSV line over this many bytes is refused before the file is read whole.
    public static let maximumLineSize = 64 * 1024 * 1024

    /// Reads `file` in blocks of 1 MB and throws at the first line longer than a JSON Lines line
    /// may be (``maximumFieldSize``), or, in CSV, at the first line over ``maximumLineSize`` or
    /// stretch of ``maximumFieldSize`` bytes with no comma or line break (one field too long):
    /// the error comes after a megabyte or so is read, not after the whole file is in memory.
    static func refuseOverlongLines(_ file: RegularFile, name: String, format: DatasetFormat) throws(DatasetError) {
        let block = 1 << 20
        var offset = 0
        var line = 1
        var lineStart = 0
        var fieldStart = 0
        while offset < file.size {
            let bytes: [UInt8]
            do {
                bytes = try file.read(at: offset, count: min(block, file.size - offset))
            } catch {
                throw DatasetError(file: name, line: nil, message: "cannot be read (\(error.message)).")
            }
            guard !bytes.isEmpty else { return }
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") || (format == .csv && byte == UInt8(ascii: ",")) {
                let position = offset + index
                if byte == UInt8(ascii: "\n") {
                    if position - lineStart > (format == .csv ? maximumLineSize : maximumFieldSize) { break }
                    line += 1
                    lineStart = position + 1
                }
                if position - fieldStart > maximumFieldSize, format == .csv { break }
                fieldStart = position + 1
            }
            offset += bytes.count
            let lineLimit = format == .csv ? maximumLineSize : maximumFieldSize
            if offset - lineStart > lineLimit || (format == .csv && offset - fieldStart > maximumFieldSize) {
                let what = format == .csv ? (offset - fieldStart > maximumFieldSize ? "a field over 1 MB" : "a line over 64 MB") : "a line over 1 MB"
                throw DatasetError(file: name, line: line, message: "\(what) with no line break; fields are limited to 1 MB. Is this really a \(format == .csv ? "CSV" : "JSON Lines") file?")
            }
        }
    }

    private static func readAll(_ file: RegularFile, name: String) throws(DatasetError) -> [UInt8] {
        do {
            return try file.readAll()
        } catch {
            throw DatasetError(file: name, line: nil, message: "cannot be read (\(error.message)).")
        }
    }

    private static func advice(for failure: RegularFile.Failure) -> String {
        failure.isMissing
            ? "check the path in the workspace file or the ICP's `dataset`."
            : "name a .csv or .jsonl file."
    }

    /// Reads a dataset held in memory.
    public static func load(_ bytes: [UInt8], name: String, format: DatasetFormat, options: DatasetOptions, progress: LoadProgress? = nil) throws(DatasetError) -> ColumnStore {
        var reading = DatasetReading()
        var raw = try parse(bytes, name: name, format: format, options: options, progress: progress, reading: &reading)
        return typed(&raw, options: options, reading: reading)
    }

    private static func parse(_ bytes: [UInt8], name: String, format: DatasetFormat, options: DatasetOptions, progress: LoadProgress?, reading: inout DatasetReading) throws(DatasetError) -> CSVTable {
        let missing = MissingValues(options.missingValues)
        switch format {
        case .csv:
            var bytes = bytes
            let mark = TextDecoding.byteOrderMark(bytes)
            let encoding = options.reading.encoding ?? mark?.0 ?? .utf8
            reading.encoding = encoding
            reading.byteOrderMark = mark != nil && mark?.0 == encoding
            if reading.byteOrderMark { bytes.removeFirst(mark?.1 ?? 0) }
            if encoding != .utf8 { bytes = try TextDecoding.utf8(bytes, from: encoding, file: name) }
            if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
                throw TextDecoding.notUTF8(bytes, at: invalid, file: name, declared: options.reading.encoding != nil)
            }
            let dialect = DialectSniffer.sniff(Array(bytes.prefix(1_048_576)), settings: options.reading, whole: bytes.count <= 1_048_576)
            note(dialect, settings: options.reading, in: &reading)
            return try CSVReader(bytes: bytes, file: name, missing: missing, dialect: dialect, badRows: options.reading.badRows, progress: progress).read()
        case .jsonLines:
            let raw = try JSONLinesReader(bytes: bytes, file: name, missing: missing).read()
            progress?.advance(bytes: bytes.count, rows: raw.rowCount)
            return CSVTable(columns: raw.columns, rowCount: raw.rowCount)
        }
    }

    /// Finishes, surveys and types the raw columns on all cores; codes and values are shared
    /// with the typed columns, so `raw` is left empty rather than holding copies. An unnamed
    /// last column that is empty in every row (each line ended with a delimiter) is left out.
    private static func typed(_ raw: inout CSVTable, options: DatasetOptions, reading: DatasetReading) -> ColumnStore {
        var reading = reading
        reading.badRows = raw.badRows.count
        reading.badRowLines = raw.badRows.lines
        var columns = raw.columns.concurrentMap { raw in
            var raw = raw
            raw.finish()
            return raw
        }
        raw.columns = []
        if columns.count > 1, let last = columns.last, raw.generatedNames.contains(columns.count - 1), reading.header, last.codes.allSatisfy({ $0 == 0 }) {
            columns.removeLast()
            reading.droppedTrailingColumn = true
        }
        let finished = columns
        columns = []
        let surveys = finished.concurrentMap { ColumnSurvey($0) }
        let evidence = ReadingEvidence(surveys: surveys, settings: options.reading, delimiter: reading.delimiter)
        let typed = Array(finished.indices).concurrentMap { index in
            ColumnTyping.column(from: finished[index], survey: surveys[index], override: options.fields[finished[index].name], evidence: evidence)
        }
        var store = ColumnStore(rowCount: raw.rowCount, columns: typed)
        store.reading = reading
        return store
    }
}
