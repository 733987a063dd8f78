import Foundation
import ICPCore

/// How a dataset's cells are read: the workspace's `missing_values` and `fields` (SPEC §4).
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

    /// Reads the file at `url`, from its on-disk cache when that is current (see ``DatasetCache``);
    /// `name` is how errors refer to it. With `cache`, a fresh read is saved for next time.
    public static func load(_ url: URL, name: String, options: DatasetOptions, cache: Bool = true) throws(DatasetError) -> ColumnStore {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw DatasetError(file: name, line: nil, message: "no such file; check the path in the workspace file or the ICP's `dataset`.")
        }
        guard !isFolder.boolValue else {
            throw DatasetError(file: name, line: nil, message: "this is a folder, not a data file; name a .csv or .jsonl file.")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumFileSize else {
            throw DatasetError(file: name, line: nil, message: "is \(size / 1_048_576) MB; icp reads data files up to 2 GB. Use a sample of the data (for example every tenth row).")
        }
        let key = cache ? DatasetCache.key(for: url, options: options) : nil
        if let key, let cached = DatasetCache.read(for: url, key: key) { return cached }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw DatasetError(file: name, line: nil, message: "cannot be read (\(error.localizedDescription)).")
        }
        let store = try load([UInt8](data), name: name, format: DatasetFormat(fileName: url.lastPathComponent), options: options)
        if let key { DatasetCache.write(store, for: url, key: key) }
        return store
    }

    /// Reads a dataset held in memory.
    public static func load(_ bytes: [UInt8], name: String, format: DatasetFormat, options: DatasetOptions) throws(DatasetError) -> ColumnStore {
        let missing = MissingValues(options.missingValues)
        let (raw, rowCount) = switch format {
        case .csv: try CSVReader(bytes: bytes, file: name, missing: missing).read()
        case .jsonLines: try JSONLinesReader(bytes: bytes, file: name, missing: missing).read()
        }
        let columns = raw.map { ColumnTyping.column(from: $0, override: options.fields[$0.name]) }
        return ColumnStore(rowCount: rowCount, columns: columns)
    }
}
