/// Finds where bytes stop being UTF-8, so readers can say where a file is broken.
public enum UTF8Validation {
    /// The offset of the first byte that is not part of valid UTF-8, or nil when all is valid.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
