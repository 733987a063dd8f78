import FoundationEssentials
import ICPLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Many strings in one UTF-8 byte arena with offsets: the distinct values of a column.
///
/// A million distinct names as Swift `String`s cost a heap object each, and rebuilding them
/// is what dominates reading a cached dataset; here they are two flat arrays (written to and
/// read from the cache as they are) and a `String` is made only when one is read.
public struct TextTable: Sendable, RandomAccessCollection {
    public private(set) var bytes: [UInt8]
    /// `offsets[i]..<offsets[i + 1]` are the bytes of string i; one more offset than strings.
    public private(set) var offsets: [Int]

    public init() {
        bytes = []
        offsets = [0]
    }

    public init(_ strings: some Sequence<String>) {
        self.init()
        for string in strings { append(string) }
    }

    /// A table from its two arrays, as the cache stores them; nil when they do not fit together.
    public init?(bytes: [UInt8], offsets: [Int]) {
        guard offsets.first == 0, offsets.last == bytes.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(index: Int) -> String {
        String(decoding: bytes[offsets[index]..<offsets[index + 1]], as: UTF8.self)
    }

    public mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        offsets.append(bytes.count)
    }

    public mutating func append(bytes span: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: span)
        offsets.append(bytes.count)
    }

    /// Appends strings `start...` of `other`.
    public mutating func append(contentsOf other: TextTable, from start: Int) {
        guard start < other.count else { return }
        let base = other.offsets[start]
        let shift = bytes.count - base
        bytes.append(contentsOf: other.bytes[base...])
        offsets.append(contentsOf: other.offsets[(start + 1)...].lazy.map { $0 + shift })
    }

    /// Calls `body` with the UTF-8 bytes of string `index`, without making a `String`.
    public func withBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { all in try body(UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]])) }
    }

    /// The first byte of string `index`; nil when it is empty.
    public func firstByte(_ index: Int) -> UInt8? {
        offsets[index] < offsets[index + 1] ? bytes[offsets[index]] : nil
    }

    /// Calls `body` with the UTF-8 bytes of each string in turn, without making `String`s.
    public func forEachBytes(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            for index in 0..<count {
                try body(index, UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]]))
            }
        }
    }

    /// Each string in normal form (``TextNormalization``): ASCII is lowercased byte by byte,
    /// other text through `String`. A table already in normal form is returned as it is,
    /// sharing its storage.
    public func normalized() -> TextTable {
        var changed = false
        forEachBytes { _, span in
            if !changed, span.contains(where: { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) || $0 <= 0x20 }) { changed = true }
        }
        guard changed else { return self }
        var result = TextTable()
        result.bytes.reserveCapacity(bytes.count)
        result.offsets.reserveCapacity(offsets.count)
        var lowered: [UInt8] = []
        forEachBytes { _, span in
            if span.allSatisfy({ $0 < 0x80 }), span.first.map({ $0 > 0x20 }) ?? true, span.last.map({ $0 > 0x20 }) ?? true {
                lowered.removeAll(keepingCapacity: true)
                for byte in span { lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) }
                lowered.withUnsafeBufferPointer { result.append(bytes: $0) }
            } else {
                result.append(TextNormalization.normalize(String(decoding: span, as: UTF8.self)))
            }
        }
        return result
    }

    /// Whether string `index` here is exactly string `other` of `table` (which may be this one).
    public func equals(_ index: Int, _ other: Int, in table: TextTable) -> Bool {
        let length = offsets[index + 1] - offsets[index]
        guard length == table.offsets[other + 1] - table.offsets[other] else { return false }
        guard length > 0 else { return true }
        return bytes.withUnsafeBufferPointer { mine in
            table.bytes.withUnsafeBufferPointer { theirs in
                guard let left = mine.baseAddress, let right = theirs.baseAddress else { return false }
                return memcmp(left + offsets[index], right + table.offsets[other], length) == 0
            }
        }
    }

    /// Whether string `index` is exactly `other` (UTF-8), without making a `String`.
    public func equals(_ index: Int, _ other: [UInt8]) -> Bool {
        let start = offsets[index]
        let end = offsets[index + 1]
        guard end - start == other.count else { return false }
        var position = 0
        while position < other.count {
            if bytes[start + position] != other[position] { return false }
            position += 1
        }
        return true
    }
}
