import ICPLanguage
/// The join keys (``Engine/joinKey(_:)``) of some codes of a column, as bytes with their
/// hashes: one side of the contact-to-account join.
struct JoinKeys {
    /// The code each key is of.
    let codes: [Int]
    let hashes: [UInt64]
    private let keys: TextTable

    init(_ column: Column, codes: [Int]) {
        self.codes = codes
        var key: [UInt8] = []
        key.reserveCapacity(64)
        var keys = TextTable()
        var hashes: [UInt64] = []
        hashes.reserveCapacity(codes.count)
        for code in codes {
            Self.keyBytes(column, code, into: &key)
            key.withUnsafeBufferPointer { bytes in
                keys.append(bytes: bytes)
                hashes.append(ByteInterner.hash(bytes))
            }
        }
        self.keys = keys
        self.hashes = hashes
    }

    var count: Int { codes.count }

    /// Whether key `index` here equals key `other` of `keys`.
    func same(_ index: Int, as other: Int, in side: JoinKeys) -> Bool {
        hashes[index] == side.hashes[other] && keys.equals(index, other, in: side.keys)
    }

    /// The join key of value `code` of `column` as bytes. Hot path: a million ids. Plain ASCII
    /// ids that are not numbers are lowercased byte by byte; anything else goes through ``joinKey(_:)``.
    private static func keyBytes(_ column: Column, _ code: Int, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        let values = column.values
        let start = values.offsets[code]
        let end = values.offsets[code + 1]
        var plain = start < end
        var looksNumeric = true
        values.bytes.withUnsafeBufferPointer { bytes in
            for index in start..<end {
                let byte = bytes[index]
                if byte >= 0x80 || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    plain = false
                    return
                }
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"): break
                default: looksNumeric = false
                }
                key.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
        }
        if !plain || looksNumeric {
            key = Array(Engine.joinKey(values[code]).utf8)
        }
    }
}
