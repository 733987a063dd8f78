/// Counts Unicode scalars and UTF-16 units before any byte offset in constant time, so that
/// converting a position costs the same on a one-line 1 MB document as on a short line.
///
/// Hot path of every diagnostic's and every request's position: checkpoints every
/// ``stride`` bytes hold the counts from the start of the text, and a conversion scans at
/// most one stride. A text that is all ASCII needs none (every count is the byte offset).
struct ColumnIndex: Sendable {
    static let stride = 128

    /// Scalars whose first byte lies before checkpoint k (byte `k * stride`).
    private let scalarsBefore: [Int]
    /// Scalars of four bytes (two UTF-16 units) whose first byte lies before checkpoint k.
    private let pairsBefore: [Int]
    let isASCII: Bool

    init(_ bytes: [UInt8]) {
        var scalars = [0]
        var pairs = [0]
        var scalarCount = 0
        var pairCount = 0
        var ascii = true
        scalars.reserveCapacity(bytes.count / Self.stride + 1)
        pairs.reserveCapacity(bytes.count / Self.stride + 1)
        for (index, byte) in bytes.enumerated() {
            if index > 0, index % Self.stride == 0 {
                scalars.append(scalarCount)
                pairs.append(pairCount)
            }
            if byte >= 0x80 { ascii = false }
            if !Self.isContinuation(byte) { scalarCount += 1 }
            if byte >= 0xF0 { pairCount += 1 }
        }
        isASCII = ascii
        scalarsBefore = ascii ? [] : scalars
        pairsBefore = ascii ? [] : pairs
    }

    /// The number of `unit`s before byte `offset` (a scalar that starts before it counts whole).
    func units(before offset: Int, in unit: ColumnUnit, of bytes: [UInt8]) -> Int {
        let offset = min(max(offset, 0), bytes.count)
        if isASCII || unit == .utf8 { return offset }
        let checkpoint = min(offset / Self.stride, scalarsBefore.count - 1)
        var count = unitsAt(checkpoint: checkpoint, in: unit)
        for byte in bytes[(checkpoint * Self.stride)..<offset] {
            count += Self.units(startingWith: byte, in: unit)
        }
        return count
    }

    /// The first byte offset in `start..<end` before which `count` `unit`s lie (counted from
    /// the start of the text); `end` when the stretch holds fewer. A count that falls inside a
    /// scalar moves past it.
    func offset(ofUnits count: Int, in unit: ColumnUnit, from start: Int, to end: Int, of bytes: [UInt8]) -> Int {
        if isASCII || unit == .utf8 { return min(max(count, start), end) }
        // The last checkpoint inside the stretch that does not pass `count`.
        var low = start / Self.stride
        var high = end / Self.stride
        while low < high {
            let middle = (low + high + 1) / 2
            if unitsAt(checkpoint: middle, in: unit) <= count { low = middle } else { high = middle - 1 }
        }
        var index = max(low * Self.stride, start)
        var reached = units(before: index, in: unit, of: bytes)
        // A checkpoint inside a scalar: that scalar is already counted, so step past its tail.
        while index < end, Self.isContinuation(bytes[index]) { index += 1 }
        while index < end, reached < count {
            reached += Self.units(startingWith: bytes[index], in: unit)
            index += 1
            while index < end, Self.isContinuation(bytes[index]) { index += 1 }
        }
        return index
    }

    private func unitsAt(checkpoint: Int, in unit: ColumnUnit) -> Int {
        let checkpoint = min(checkpoint, scalarsBefore.count - 1)
        return scalarsBefore[checkpoint] + (unit == .utf16 ? pairsBefore[checkpoint] : 0)
    }

    private static func units(startingWith byte: UInt8, in unit: ColumnUnit) -> Int {
        if isContinuation(byte) { return 0 }
        return unit == .utf16 && byte >= 0xF0 ? 2 : 1
    }

    private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }
}
