import Dispatch
import FoundationEssentials
import ICPLanguage
import ICPEngine
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The parsed, typed dataset saved to disk, so that the next start reads arrays instead of CSV.
///
/// One file per data file, in `.icp-cache/` beside it (a `.gitignore` there keeps it out of
/// git), or in `~/.cache/icp/` when that folder cannot be written. The header holds the key:
/// format version, the source's size and modification time, a hash of its content (all of it
/// up to ``fullHashLimit``, sampled blocks beyond), and a fingerprint of the reading options. Each column carries its own checksum, and every
/// array is checked against the others on reading; a last checksum covers the key, the row
/// count and every column's checksum, so a header copied onto another file's columns does not
/// pass. A stale, truncated or corrupt cache is rebuilt from the source, never trusted. The
/// `.icp-cache` folder must be a real folder: a symbolic link there (a cloned repository can
/// hold one) is never followed, and the cache goes to `~/.cache/icp/` instead.
public enum DatasetCache {
    static let magic: UInt64 = 0x4943_5043_4143_4845 // "ICPCACHE"
    /// Bumped whenever the layout or the meaning of a cached value changes.
    static let formatVersion: UInt32 = 9

    struct Key: Equatable, Sendable {
        var size: UInt64
        var modified: UInt64
        var contentHash: UInt64
        var options: UInt64
    }

    /// The cache file for `source`, in the first of the candidate folders that can hold it.
    static func location(for source: URL) -> URL {
        let name = source.lastPathComponent + ".icpcache"
        let local = source.deletingLastPathComponent().appendingPathComponent(".icp-cache")
        if ensureFolder(local, ignoredByGit: true) { return local.appendingPathComponent(name) }
        let home = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/icp")
        _ = ensureFolder(home, ignoredByGit: false)
        let unique = String(Array(source.path.utf8).withUnsafeBytes { ByteHash.of($0) }, radix: 16)
        return home.appendingPathComponent("\(unique)-\(name)")
    }

    private static func ensureFolder(_ folder: URL, ignoredByGit: Bool) -> Bool {
        // A link (or a file) where the folder should be could point anywhere: never write through it.
        var status = stat()
        if lstat(folder.path, &status) == 0, status.st_mode & S_IFMT != S_IFDIR { return false }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if lstat(folder.path, &status) != 0 || status.st_mode & S_IFMT != S_IFDIR { return false }
            if ignoredByGit {
                let ignore = folder.appendingPathComponent(".gitignore")
                if lstat(ignore.path, &status) != 0 { try Data("*\n".utf8).write(to: ignore, options: .atomic) }
            }
            return FileManager.default.isWritableFile(atPath: folder.path)
        } catch {
            return false
        }
    }

    /// Files up to this size are hashed whole, so any edit changes the key. Larger files are
    /// sampled: an edit that keeps the size and the modification time and touches no sampled
    /// block goes unseen (`--no-cache` reads the file whatever the cache holds).
    static let fullHashLimit = 64 * 1_048_576
    /// Above ``fullHashLimit``: this many blocks of ``sampleBlock`` bytes, the first and the last among them.
    static let sampledBlocks = 64
    static let sampleBlock = 65_536

    /// The key of `source` as it is now.
    static func key(for source: URL, options: DatasetOptions) -> Key? {
        (try? RegularFile(opening: source)).flatMap { key(for: $0, options: options) }
    }

    /// The key of an open file: its size and modification time, a hash of its content, and the
    /// reading options. `content`, the whole file when the caller has read it already, is hashed
    /// instead of reading the file again.
    static func key(for file: RegularFile, content: [UInt8]? = nil, options: DatasetOptions) -> Key? {
        let size = file.size
        var hash = UInt64(size)
        if size <= fullHashLimit {
            guard let bytes = content ?? (try? file.readAll()) else { return nil }
            hash = bytes.withUnsafeBytes { ByteHash.of($0, seed: hash) }
        } else {
            for index in 0..<sampledBlocks {
                guard let bytes = try? file.read(at: (size - sampleBlock) / (sampledBlocks - 1) * index, count: sampleBlock) else { return nil }
                hash = bytes.withUnsafeBytes { ByteHash.of($0, seed: hash) }
            }
        }
        return Key(size: UInt64(size), modified: file.modified, contentHash: hash, options: options.fingerprint)
    }

    /// The cached store for `source`, or nil when there is none or it does not match or fails a check.
    /// Each column carries its own checksum: all are checked here, on all cores, but a column is
    /// decoded only when first used (a preview reads the columns its ICPs name, not the others),
    /// from the file kept mapped.
    static func read(for source: URL, key: Key) -> ColumnStore? {
        finishWrites()
        let file = location(for: source)
        var status = stat()
        guard lstat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let opened = try? RegularFile(opening: file), let mapped = MappedFile(opened) else { return nil }
        var reader = BinaryReader(mapped.bytes)
        guard reader.read(UInt64.self) == magic, reader.read(UInt32.self) == formatVersion,
              reader.read(UInt64.self) == key.size, reader.read(UInt64.self) == key.modified,
              reader.read(UInt64.self) == key.contentHash, reader.read(UInt64.self) == key.options,
              let rows = reader.read(UInt64.self), rows <= UInt64(Int32.max), let columnCount = reader.read(UInt32.self) else { return nil }
        var binding = bindingStart(key: key, rows: rows, columns: columnCount)
        // The file's reading, framed like a column.
        guard let readingLength = reader.read(UInt64.self), let readingChecksum = reader.read(UInt64.self), readingLength <= UInt64(reader.remaining) else { return nil }
        binding.write(readingLength)
        binding.write(readingChecksum)
        let readingRange = reader.position..<(reader.position + Int(readingLength))
        reader.skip(Int(readingLength))
        let readingSlice = UnsafeRawBufferPointer(rebasing: mapped.bytes[readingRange])
        var readingReader = BinaryReader(readingSlice)
        guard ByteHash.of(readingSlice) == readingChecksum, let datasetReading = readingReader.readDatasetReading(), readingReader.remaining == 0 else { return nil }
        var bodies: [(range: Range<Int>, checksum: UInt64)] = []
        for _ in 0..<columnCount {
            guard let length = reader.read(UInt64.self), let checksum = reader.read(UInt64.self), length <= UInt64(reader.remaining) else { return nil }
            binding.write(length)
            binding.write(checksum)
            bodies.append((reader.position..<(reader.position + Int(length)), checksum))
            reader.skip(Int(length))
        }
        guard reader.read(UInt64.self) == binding.data.withUnsafeBytes({ ByteHash.of($0) }), reader.remaining == 0 else { return nil }
        let names = bodies.concurrentMap { body -> String? in
            let slice = UnsafeRawBufferPointer(rebasing: mapped.bytes[body.range])
            guard ByteHash.of(slice) == body.checksum else { return nil }
            defer { mapped.release(body.range) }
            var columnReader = BinaryReader(slice)
            return columnReader.readString()
        }.compactMap { $0 }
        guard names.count == bodies.count else { return nil }
        let rowCount = Int(rows)
        let ranges = bodies.map(\.range)
        var store = ColumnStore(rowCount: rowCount, names: names) { index in
            defer { mapped.release(ranges[index]) }
            var columnReader = BinaryReader(UnsafeRawBufferPointer(rebasing: mapped.bytes[ranges[index]]))
            // The checksum matched what this version wrote: a column that still does not
            // read would be a bug here, and is then taken as missing everywhere.
            guard let column = readColumn(&columnReader, rows: rowCount), columnReader.remaining == 0 else {
                return Column(name: names[index], type: .text, codes: [UInt32](repeating: 0, count: rowCount), values: TextTable([""]), cells: .text(normalized: TextTable([""])))
            }
            return column
        }
        store.reading = datasetReading
        return store
    }

    private static let writes = DispatchGroup()
    private static let writer = DispatchQueue(label: "icp.dataset-cache", qos: .utility)
    private static let exitWaits = Mutex(false)

    /// Saves `store` for `source` on a background queue, so that the data can be used at once
    /// (a first preview evaluates while its cache is written). ``finishWrites()`` waits for the
    /// writes under way; so does ``read(for:key:)``, and the process at exit.
    static func save(_ store: ColumnStore, for source: URL, key: Key) {
        let first = exitWaits.withLock { registered in
            defer { registered = true }
            return !registered
        }
        if first { atexit { DatasetCache.finishWrites() } }
        writes.enter()
        writer.async {
            write(store, for: source, key: key)
            FreedMemory.release()
            writes.leave()
        }
    }

    /// Returns once every cache write started so far is done.
    public static func finishWrites() {
        writes.wait()
    }

    /// Saves `store` for `source` atomically (a temporary file renamed into place); a failure
    /// only means no cache next time. Columns are encoded and written one at a time, so the
    /// whole file is never held in memory (it runs in the background: see ``save(_:for:key:)``).
    static func write(_ store: ColumnStore, for source: URL, key: Key) {
        let target = location(for: source)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
        let handle = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard handle >= 0 else { return }
        var header = BinaryWriter()
        header.write(magic)
        header.write(formatVersion)
        header.write(key.size)
        header.write(key.modified)
        header.write(key.contentHash)
        header.write(key.options)
        header.write(UInt64(store.rowCount))
        header.write(UInt32(store.columns.count))
        var binding = bindingStart(key: key, rows: UInt64(store.rowCount), columns: UInt32(store.columns.count))
        var written = true
        do {
            try writeAll(handle, header.data)
            // Each section (the reading, then each column) behind its length and checksum, both bound into the trailer.
            func writeSection(_ body: BinaryWriter) throws {
                let checksum = body.data.withUnsafeBytes { ByteHash.of($0) }
                var frame = BinaryWriter()
                frame.write(UInt64(body.data.count))
                frame.write(checksum)
                binding.write(UInt64(body.data.count))
                binding.write(checksum)
                try writeAll(handle, frame.data)
                try writeAll(handle, body.data)
            }
            var readingBody = BinaryWriter()
            readingBody.write(store.reading)
            try writeSection(readingBody)
            for column in store.columns {
                var body = BinaryWriter()
                write(column, to: &body)
                try writeSection(body)
            }
            var trailer = BinaryWriter()
            trailer.write(binding.data.withUnsafeBytes { ByteHash.of($0) })
            try writeAll(handle, trailer.data)
        } catch {
            written = false
        }
        let closed = close(handle) == 0
        guard written, closed, rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
    }

    private struct WriteFailure: Error {}

    private static func writeAll(_ descriptor: Int32, _ data: Data) throws {
        guard data.withUnsafeBytes({ DescriptorWriting.writeAll(descriptor, $0) }) == 0 else { throw WriteFailure() }
    }

    /// The start of what the trailer's checksum covers: the key, the row and column counts; each
    /// column's length and checksum are added to it in order.
    private static func bindingStart(key: Key, rows: UInt64, columns: UInt32) -> BinaryWriter {
        var binding = BinaryWriter()
        for value in [key.size, key.modified, key.contentHash, key.options, rows] { binding.write(value) }
        binding.write(columns)
        return binding
    }

    private static func write(_ column: Column, to writer: inout BinaryWriter) {
        writer.write(column.name)
        writer.write(UInt8(ColumnType.allCases.firstIndex(of: column.type) ?? 0))
        writer.write(array: column.codes)
        writer.write(column.values)
        switch column.cells {
        case .text(let normalized):
            // Text already in normal form (ids, codes, lowercase words) is stored once.
            let same = normalized.bytes == column.values.bytes && normalized.offsets == column.values.offsets
            writer.write(UInt8(same ? 1 : 0))
            if !same { writer.write(normalized) }
        case .number(let numbers): writer.write(array: numbers)
        case .boolean(let booleans): writer.write(array: booleans.map { $0 ? UInt8(1) : 0 })
        case .date(let days): writer.write(array: days)
        case .list(let lists):
            writer.write(array: lists.offsets)
            writer.write(array: lists.ids)
            writer.write(column.elements)
            writer.write(column.normalizedElements)
        case .range(let bands):
            writer.write(array: bands.map(\.lower))
            writer.write(array: bands.map(\.upper))
            writer.write(array: bands.map { UInt8(($0.lowerExclusive ? 1 : 0) | ($0.upperExclusive ? 2 : 0)) })
        }
        writer.write(column.reading)
    }

    private static func readColumn(_ reader: inout BinaryReader, rows: Int) -> Column? {
        guard let column = readCells(&reader, rows: rows), let reading = reader.readColumnReading() else { return nil }
        return column.withReading(reading)
    }

    private static func readCells(_ reader: inout BinaryReader, rows: Int) -> Column? {
        guard let name = reader.readString(), let typeIndex = reader.read(UInt8.self), Int(typeIndex) < ColumnType.allCases.count,
              let codes = reader.readArray(of: UInt32.self), codes.count == rows, let values = reader.readTable() else { return nil }
        let distinct = values.count
        guard distinct >= 1, codes.allSatisfy({ Int($0) < distinct }) else { return nil }
        let type = ColumnType.allCases[Int(typeIndex)]
        switch type {
        case .text:
            guard let same = reader.read(UInt8.self), let normalized = same == 1 ? values : reader.readTable(), normalized.count == distinct else { return nil }
            return Column(name: name, type: type, codes: codes, values: values, cells: .text(normalized: normalized))
        case .number:
            guard let numbers = reader.readArray(of: Double.self), numbers.count == distinct else { return nil }
            return Column(name: name, type: type, codes: codes, values: values, cells: .number(numbers))
        case .boolean:
            guard let booleans = reader.readArray(of: UInt8.self), booleans.count == distinct else { return nil }
            return Column(name: name, type: type, codes: codes, values: values, cells: .boolean(booleans.map { $0 != 0 }))
        case .date:
            guard let days = reader.readArray(of: Int32.self), days.count == distinct else { return nil }
            return Column(name: name, type: type, codes: codes, values: values, cells: .date(days))
        case .list:
            guard let offsets = reader.readArray(of: UInt32.self), offsets.count == distinct + 1,
                  let ids = reader.readArray(of: UInt32.self), let lists = ListTable(ids: ids, offsets: offsets),
                  let elements = reader.readTable(), let normalized = reader.readTable(), normalized.count == elements.count,
                  ids.allSatisfy({ Int($0) < elements.count }) else { return nil }
            return Column(name: name, type: type, codes: codes, values: values, cells: .list(lists), elements: elements, normalizedElements: normalized)
        case .range:
            guard let lowers = reader.readArray(of: Double.self), let uppers = reader.readArray(of: Double.self), let flags = reader.readArray(of: UInt8.self),
                  lowers.count == distinct, uppers.count == distinct, flags.count == distinct else { return nil }
            let bands = (0..<distinct).map { Band(lower: lowers[$0], upper: uppers[$0], lowerExclusive: flags[$0] & 1 != 0, upperExclusive: flags[$0] & 2 != 0) }
            return Column(name: name, type: type, codes: codes, values: values, cells: .range(bands))
        }
    }
}
