import FoundationEssentials
import ICPLanguage
import ICPEngine

/// Appends fixed-width little-endian values and whole arrays to a byte buffer: the cache writer.
struct BinaryWriter {
    private(set) var data = Data()

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func write(_ value: Double) {
        write(value.bitPattern)
    }

    /// A count, then the array's bytes as they are in memory (little-endian machines only; the header says so).
    mutating func write<T>(array: [T]) {
        write(UInt64(array.count))
        array.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    mutating func write(_ string: String) {
        write(array: Array(string.utf8))
    }

    mutating func write(_ table: TextTable) {
        write(array: table.bytes)
        write(array: table.offsets)
    }
}

/// Reads what ``BinaryWriter`` wrote, refusing (nil) anything that runs past the end.
struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - position }

    /// Moves past `count` bytes (at most to the end).
    mutating func skip(_ count: Int) {
        position += min(max(0, count), remaining)
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard remaining >= MemoryLayout<T>.size else { return nil }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: T.self)
        position += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func readDouble() -> Double? {
        read(UInt64.self).map(Double.init(bitPattern:))
    }

    /// An array written by `write(array:)`; nil when its length does not fit what is left.
    mutating func readArray<T>(of _: T.Type) -> [T]? {
        guard let count = read(UInt64.self), count <= UInt64(remaining / max(MemoryLayout<T>.stride, 1)) else { return nil }
        let length = Int(count) * MemoryLayout<T>.stride
        let array = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            if length > 0, let target = buffer.baseAddress, let source = bytes.baseAddress {
                UnsafeMutableRawPointer(target).copyMemory(from: source + position, byteCount: length)
            }
            initialized = Int(count)
        }
        position += length
        return array
    }

    mutating func readString() -> String? {
        readArray(of: UInt8.self).map { String(decoding: $0, as: UTF8.self) }
    }

    mutating func readTable() -> TextTable? {
        guard let bytes = readArray(of: UInt8.self), let offsets = readArray(of: Int.self) else { return nil }
        return TextTable(bytes: bytes, offsets: offsets)
    }
}

/// A fast 64-bit hash of bytes, eight at a time: cache checksums and content fingerprints.
enum ByteHash {
    /// Four independent lanes of eight bytes each per step (so the processor overlaps them),
    /// folded together at the end with the tail and the length.
    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var lanes = (seed ^ UInt64(bytes.count), seed &+ 0x632B_E59B_D9B4_E019, seed &+ 0x8CB9_2BA7_2F3D_8DD7, seed &+ 0xD6E8_FEB8_6659_FD93)
        var offset = 0
        while offset + 32 <= bytes.count {
            lanes.0 = mix(lanes.0 ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1 ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2 ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3 ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var hash = mix(lanes.0 ^ mix(lanes.1 ^ mix(lanes.2 ^ mix(lanes.3))))
        while offset + 8 <= bytes.count {
            hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(hash ^ tail)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 31)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}
