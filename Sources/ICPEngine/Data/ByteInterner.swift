import FoundationEssentials
import ICPLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// 0 when free, else the entry's index plus one in the low half and its hash's high half
    /// above: a probe rejects most other keys without touching the entry's arrays.
    private var slots = [UInt64](repeating: 0, count: 64)

    public init() {}

    /// A hash of `bytes` taken eight at a time (a multiply-rotate mix; the table only needs spread, not strength).
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash = (hash << 29) | (hash >> 35)
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < raw.count {
            tail = (tail << 8) | UInt64(raw[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 32)
    }

    /// The code stored for `bytes`, or nil when they have not been seen.
    public func code(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32? {
        let mask = slots.count - 1
        let tag = hash & Self.tagMask
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return nil }
            if value & Self.tagMask == tag {
                let entry = Int(truncatingIfNeeded: value & ~Self.tagMask) - 1
                if Int(lengths[entry]) == bytes.count, equal(entry, bytes) { return codes[entry] }
            }
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

    /// Calls `body` with each key's bytes and code, in the order they were inserted.
    public func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, UInt32) -> Void) {
        arena.withUnsafeBufferPointer { arena in
            for entry in codes.indices {
                body(UnsafeBufferPointer(rebasing: arena[starts[entry]..<(starts[entry] + Int(lengths[entry]))]), codes[entry])
            }
        }
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
        let hash = hashes[entry]
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash & Self.tagMask) | UInt64(entry + 1)
    }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for entry in codes.indices { place(entry) }
    }
}
