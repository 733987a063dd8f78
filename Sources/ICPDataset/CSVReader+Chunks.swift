import Foundation
import Synchronization

/// The records of one stretch of a CSV file, parsed on their own.
struct CSVChunk: Sendable {
    var columns: [RawColumn]
    var rowCount: Int
    /// Where the next record starts, and its line (counted from the chunk's first line).
    var end: Int
    var endLine: Int
}

/// Parsing the body of a CSV file on every core.
///
/// The body is cut into stretches of at least ``minimumChunk`` bytes, each starting after a
/// line break, and they are parsed side by side, each into dictionaries of its own. A line
/// break may sit inside a quoted field, so a cut is only a guess: stretch i is parsed up to
/// the first record boundary at or after the next cut, and when that boundary is not the cut
/// (a quoted line break fooled it), the next stretch is parsed again from the true boundary.
/// The stretches are then merged in order, so values are numbered by first appearance in the
/// file, exactly as a single pass would number them.
extension CSVReader {
    static let minimumChunk = 8 * 1_048_576

    func parseBody(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, names: [String]) throws -> (columns: [RawColumn], rowCount: Int) {
        let cuts = Self.cuts(buffer, from: start, chunkSize: max(1, chunkSize), most: max(1, maximumChunks))
        let results = Mutex([Result<CSVChunk, any Error>?](repeating: nil, count: cuts.count))
        // Only read, and only while `concurrentPerform` runs, inside the caller's `withUnsafeBufferPointer`.
        nonisolated(unsafe) let shared = buffer
        DispatchQueue.concurrentPerform(iterations: cuts.count) { index in
            let limit = index + 1 < cuts.count ? cuts[index + 1] : shared.count
            let result = Result { try parseRecords(shared, from: cuts[index], until: limit, firstLine: index == 0 ? line : 1, names: names) }
            results.withLock { $0[index] = result }
        }
        var chunks = results.withLock { $0 }
        var merged: CSVChunk?
        var lineBase = line - 1
        for index in chunks.indices {
            let limit = index + 1 < cuts.count ? cuts[index + 1] : buffer.count
            var result = chunks[index]!
            if let previous = merged, previous.end != cuts[index] {
                // The cut fell inside a quoted field: parse this stretch again from the true boundary.
                result = Result { try parseRecords(buffer, from: previous.end, until: max(limit, previous.end), firstLine: 1, names: names) }
            }
            chunks[index] = nil
            let chunk: CSVChunk
            do {
                chunk = try result.get()
            } catch var error as DatasetError where index > 0 {
                error.line = error.line.map { $0 + lineBase }
                throw error
            }
            if var whole = merged {
                // Columns merge independently: one per core.
                whole.columns.withUnsafeMutableBufferPointer { columns in
                    nonisolated(unsafe) let target = columns
                    DispatchQueue.concurrentPerform(iterations: target.count) { column in target[column].merge(chunk.columns[column]) }
                }
                whole.rowCount += chunk.rowCount
                whole.end = chunk.end
                merged = whole
            } else {
                merged = chunk
            }
            lineBase += index == 0 ? chunk.endLine - line : chunk.endLine - 1
        }
        guard let merged else { return (names.map(RawColumn.init), 0) }
        return (merged.columns, merged.rowCount)
    }

    /// Where the stretches start: `start`, then one just after a line break near each equal share.
    private static func cuts(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, chunkSize: Int, most: Int) -> [Int] {
        let length = buffer.count - start
        let parts = max(1, min(most, length / chunkSize))
        var cuts = [start]
        for part in 1..<max(parts, 1) {
            var position = start + length / parts * part
            while position < buffer.count, buffer[position] != UInt8(ascii: "\n") { position += 1 }
            if position + 1 < buffer.count, position + 1 > cuts[cuts.count - 1] { cuts.append(position + 1) }
        }
        return cuts
    }
}
