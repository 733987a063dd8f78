import Foundation
import ICPLanguage
import ICPEngine

/// How a dataset's cells are read: the workspace's `missing_values` and `fields` (format.md, The workspace file).
public struct DatasetOptions: Sendable {
    public var missingValues: [String]
    public var fields: [String: FieldOverride]

    public init(missingValues: [String] = [], fields: [String: FieldOverride] = [:]) {
        self.missingValues = missingValues
        self.fields = fields
    }

    public init(config: WorkspaceConfig) {
        self.init(missingValues: config.missingValues, fields: config.fields)
    }

    /// A hash of the options: equal options, equal fingerprints (part of the cache key).
    public var fingerprint: UInt64 {
        let text = missingValues.joined(separator: "\u{1}") + "\u{2}" + fields.keys.sorted().map { name in
            "\(name)=\(fields[name]?.type.rawValue ?? ""):\(fields[name]?.separator ?? "")"
        }.joined(separator: "\u{1}")
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
        var raw: (columns: [RawColumn], rowCount: Int)
        if whole == nil, format == .csv, let read = CSVReader.read(file, name: name, missing: MissingValues(options.missingValues), progress: progress) {
            raw = read
        } else {
            var bytes: [UInt8]
            if progress?.isCancelled == true { throw DatasetError(file: name, line: nil, message: "the read was cancelled (the settings changed).") }
            if let read = whole {
                bytes = read
            } else {
                // A file too large to hash whole is read whole only once no line of it is over the limits.
                try refuseOverlongLines(file, name: name, format: format)
                bytes = try readAll(file, name: name)
            }
            whole = nil
            raw = try parse(bytes, name: name, format: format, options: options, progress: progress)
            // The file's bytes are not needed past parsing: free them before the columns are typed.
            bytes = []
        }
        let store = typed(&raw, options: options)
        FreedMemory.release()
        if cache, let key { DatasetCache.save(store, for: url, key: key) }
        return (store, stamp)
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
        var raw = try parse(bytes, name: name, format: format, options: options, progress: progress)
        return typed(&raw, options: options)
    }

    private static func parse(_ bytes: [UInt8], name: String, format: DatasetFormat, options: DatasetOptions, progress: LoadProgress?) throws(DatasetError) -> (columns: [RawColumn], rowCount: Int) {
        let missing = MissingValues(options.missingValues)
        switch format {
        case .csv:
            return try CSVReader(bytes: bytes, file: name, missing: missing, progress: progress).read()
        case .jsonLines:
            let raw = try JSONLinesReader(bytes: bytes, file: name, missing: missing).read()
            progress?.advance(bytes: bytes.count, rows: raw.rowCount)
            return raw
        }
    }

    /// Finishes and types the raw columns on all cores; codes and values are shared with the
    /// typed columns, so `raw` is left empty rather than holding copies.
    private static func typed(_ raw: inout (columns: [RawColumn], rowCount: Int), options: DatasetOptions) -> ColumnStore {
        let columns = raw.columns
        raw.columns = []
        let typed = columns.concurrentMap { raw in
            var raw = raw
            raw.finish()
            return ColumnTyping.column(from: raw, override: options.fields[raw.name])
        }
        return ColumnStore(rowCount: raw.rowCount, columns: typed)
    }
}
