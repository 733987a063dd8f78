/// Finds where bytes stop being UTF-8, so readers can say where a file is broken.
public enum UTF8Validation {
    /// The offset of the first byte that is not part of valid UTF-8, or nil when all is valid.
    ///
    /// Hot path for large datasets: runs of ASCII are skipped eight bytes at a time; only
    /// non-ASCII stretches go through the standard decoder.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var offset = 0
            while offset < count {
                if offset + 8 <= count {
                    let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        offset += 8
                        continue
                    }
                }
                if buffer[offset] < 0x80 {
                    offset += 1
                    continue
                }
                // Decode one non-ASCII scalar.
                var iterator = UnsafeBufferPointer(rebasing: buffer[offset..<min(count, offset + 4)]).makeIterator()
                var decoder = UTF8()
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput, .error: return offset
                }
            }
            return nil
        }
    }
}
