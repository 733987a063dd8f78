import Foundation

/// Maps byte strings to small integer codes without making a `String` per lookup.
///
/// Hot path of dataset loading: every cell goes through `code(for:)`. Keys live in one byte
/// arena; an open-addressing table of entry indices (load at most one half) finds them by an
/// FNV-1a hash. Each entry carries the code its caller assigned, so distinct byte strings
/// that mean the same value (or mean "missing") can share a code.
public struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    private var codes: [UInt32] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 64)

    public init() {}

    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// The code stored for `bytes`, or nil when they have not been seen.
    public func code(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash, Int(lengths[entry]) == bytes.count, equal(entry, bytes) { return codes[entry] }
            slot = (slot + 1) & mask
        }
    }

    /// Remembers `code` for `bytes` (which must not be present yet).
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, code: UInt32) {
        if (codes.count + 1) * 2 > slots.count { grow() }
        let entry = codes.count
        starts.append(arena.count)
        lengths.append(Int32(bytes.count))
        arena.append(contentsOf: bytes)
        hashes.append(hash)
        codes.append(code)
        place(entry)
    }

    private func equal(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        let start = starts[entry]
        return arena.withUnsafeBufferPointer { arena in
            guard let stored = arena.baseAddress, start + bytes.count <= arena.count else { return false }
            return memcmp(stored + start, base, bytes.count) == 0
        }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for entry in codes.indices { place(entry) }
    }
}
