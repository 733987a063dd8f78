import FoundationEssentials
import ICPLanguage
import ICPEngine
import Dispatch

/// The records of one stretch of a CSV file, parsed on their own.
struct CSVChunk: Sendable {
    var columns: [RawColumn]
    var rowCount: Int
    /// Where the record after the stretch's last one starts.
    var end: Int
    var badRows = BadRowTally()
}

/// A delimited file read into raw columns.
struct CSVTable: Sendable {
    var columns: [RawColumn]
    var rowCount: Int
    var badRows = BadRowTally()
    /// The columns whose header cell was empty (named `column_N`).
    var generatedNames: Set<Int> = []
}

/// The rows that did not fit the header (``BadRows``): how many, and the first of their lines.
struct BadRowTally: Sendable {
    var count = 0
    var lines: [Int] = []

    mutating func note(_ line: Int) {
        count += 1
        if lines.count < 10 { lines.append(line) }
    }
}

/// Parsing the body of a CSV file on every core.
///
/// The body is cut into stretches, each starting just after a line break, and they are parsed
/// side by side, each into dictionaries of its own, then merged in order, so values are
/// numbered by first appearance in the file exactly as one pass would number them. A line
/// break may sit inside a quoted field, so a cut is only a guess, checked: the stretch before
/// it must end exactly there (a quoted field it cuts runs past it). When a check fails, or a
/// stretch has any error, the body is parsed again in one pass, which also names the line of
/// the error the way it always has.
extension CSVReader {
    static let minimumChunk = 8 * 1_048_576
    /// Stretches of a file read from disk: small enough that only a few are in memory at once.
    static let fileChunk = 16 * 1_048_576

    func parseBody(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, names: [String]) throws -> CSVTable {
        let parts = max(1, min(max(1, maximumChunks), (buffer.count - start) / max(1, chunkSize)))
        let cuts = Self.cuts(from: start, to: buffer.count, parts: parts) { position in
            Self.lineStart(in: UnsafeBufferPointer(rebasing: buffer[position...])).map { position + $0 }
        }
        if cuts.count > 1 {
            // Only read, and only while the stretches are parsed, inside the caller's `withUnsafeBufferPointer`.
            nonisolated(unsafe) let shared = buffer
            let parsed = Self.parsedInStretches(cuts, end: buffer.count, progress: progress) { start, limit, attempt in
                var reader = self
                reader.progress = attempt
                // A stretch with a row that does not fit is read again in one pass, which knows its line.
                guard let chunk = try? reader.parseRecords(shared, from: start, until: limit, firstLine: 1, names: names), chunk.end == limit, chunk.badRows.count == 0 else { return nil }
                return chunk
            }
            if let parsed { return parsed }
        }
        let chunk = try parseRecords(buffer, from: start, until: buffer.count, firstLine: line, names: names)
        return CSVTable(columns: chunk.columns, rowCount: chunk.rowCount, badRows: chunk.badRows)
    }

    /// Reads a CSV file from disk in stretches of ``fileChunk`` bytes, one per core at a time,
    /// each freed once parsed: the file is never in memory whole. Nil when that cannot be
    /// done cleanly (a cut inside a quoted field, an error, a header longer than a megabyte):
    /// the caller then reads the file whole, which reports any error with its line.
    /// `dialect`'s offsets count from `offset` (past a byte order mark).
    static func read(_ file: RegularFile, name: String, missing: MissingValues, dialect: Dialect = Dialect(), offset: Int = 0, progress: LoadProgress?, chunkSize: Int = fileChunk) -> CSVTable? {
        guard var head = try? file.read(at: 0, count: min(file.size, 1_048_576)) else { return nil }
        let dialect = { var moved = dialect; moved.tableStart += offset; return moved }()
        let reader = CSVReader(bytes: [], file: name, missing: missing, dialect: dialect)
        guard let header = try? head.withUnsafeBufferPointer({ try reader.header($0) }),
              header.bodyStart < head.count || head.count == file.size,
              UTF8Validation.firstInvalidOffset(in: Array(head[..<header.bodyStart])) == nil else { return nil }
        head = []
        let parts = max(1, min(4_096, (file.size - header.bodyStart) / max(1, chunkSize)))
        let cuts = Self.cuts(from: header.bodyStart, to: file.size, parts: parts) { position in
            guard let window = try? file.read(at: position, count: 65_536) else { return nil }
            return window.withUnsafeBufferPointer { lineStart(in: $0) }.map { position + $0 }
        }
        return parsedInStretches(cuts, end: file.size, progress: progress) { start, limit, attempt in
            // A stretch ends at a cut, so its bytes are whole UTF-8 sequences when the file is UTF-8.
            guard var bytes = try? file.read(at: start, count: limit - start), bytes.count == limit - start,
                  UTF8Validation.firstInvalidOffset(in: bytes) == nil else { return nil }
            let reader = CSVReader(bytes: [], file: name, missing: missing, dialect: dialect, progress: attempt)
            let chunk = bytes.withUnsafeBufferPointer { buffer in try? reader.parseRecords(buffer, from: 0, until: buffer.count, firstLine: 1, names: header.names) }
            let complete = chunk?.end == bytes.count && chunk?.badRows.count == 0
            bytes = []
            return complete ? chunk : nil
        }.map { CSVTable(columns: $0.columns, rowCount: $0.rowCount, generatedNames: header.generated) }
    }

    /// The stretches `cuts[i]..<cuts[i + 1]` (the last one up to `end`) parsed by `parse` (given
    /// each stretch's bounds and what to report progress to) one per core at a time, each batch
    /// merged in order as soon as it is parsed and freed: only a few stretches' columns are ever
    /// in memory beside the merged ones. Nil when any stretch gives nil: the attempt's progress is
    /// then taken back, since the caller reads the data again another way.
    private static func parsedInStretches(_ cuts: [Int], end: Int, progress: LoadProgress?,
                                          _ parse: @Sendable (Int, Int, LoadProgress?) -> CSVChunk?) -> CSVTable? {
        let attempt = progress.map(LoadProgress.init(within:))
        let batch = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        var whole: CSVChunk?
        for first in stride(from: 0, to: cuts.count, by: batch) {
            let chunks = Array(first..<min(first + batch, cuts.count)).concurrentMap { index in
                parse(cuts[index], index + 1 < cuts.count ? cuts[index + 1] : end, attempt)
            }
            for chunk in chunks {
                guard let chunk else {
                    attempt?.withdraw()
                    return nil
                }
                if whole == nil { whole = chunk } else { merge(chunk, into: &whole!) }
            }
        }
        return whole.map { CSVTable(columns: $0.columns, rowCount: $0.rowCount) }
    }

    /// Appends `chunk`'s rows to `whole`, columns side by side (one per core).
    private static func merge(_ chunk: CSVChunk, into whole: inout CSVChunk) {
        whole.columns.withUnsafeMutableBufferPointer { columns in
            nonisolated(unsafe) let target = columns
            DispatchQueue.concurrentPerform(iterations: target.count) { column in target[column].merge(chunk.columns[column]) }
        }
        whole.rowCount += chunk.rowCount
    }

    /// Where the stretches start: `start`, then the line start found by `lineStart` near each
    /// equal share of `start..<end` (a share with no line break nearby is joined to the previous one).
    private static func cuts(from start: Int, to end: Int, parts: Int, lineStart: (Int) -> Int?) -> [Int] {
        var cuts = [start]
        for part in 1..<max(parts, 1) {
            let position = start + (end - start) / parts * part
            if let cut = lineStart(position), cut < end, cut > cuts[cuts.count - 1] { cuts.append(cut) }
        }
        return cuts
    }

    /// The offset just past the first line feed of `window`, if any.
    private static func lineStart(in window: UnsafeBufferPointer<UInt8>) -> Int? {
        window.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }
    }
}
