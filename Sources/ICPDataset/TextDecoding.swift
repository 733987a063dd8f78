import ICPLanguage
import ICPEngine

/// A data file's bytes as UTF-8 (format.md, Reading a data file): UTF-8 with or without a byte
/// order mark as it is, UTF-16 with a byte order mark, and the single-byte encodings a setting
/// declares. Nothing is replaced: bytes no declared or detected encoding reads are an error
/// naming the line and the setting that reads them.
enum TextDecoding {
    /// The encoding a byte order mark at the start of `head` names, and the mark's length.
    static func byteOrderMark(_ head: some Collection<UInt8>) -> (TextEncoding, Int)? {
        let bytes = Array(head.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16le, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16be, 2) }
        return nil
    }

    /// `bytes` (without their byte order mark) in UTF-8; throws at the first line that does not read in `encoding`.
    static func utf8(_ bytes: [UInt8], from encoding: TextEncoding, file: String) throws(DatasetError) -> [UInt8] {
        switch encoding {
        case .utf8:
            try checkUTF8(bytes, file: file, declared: true)
            return bytes
        case .utf16le, .utf16be:
            return try utf16(bytes, bigEndian: encoding == .utf16be, file: file)
        case .windows1252, .latin1, .latin9:
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    appendUTF8(singleByte(byte, in: encoding), to: &output)
                }
            }
            return output
        }
    }

    /// The character a byte stands for in a single-byte encoding.
    static func singleByte(_ byte: UInt8, in encoding: TextEncoding) -> Unicode.Scalar {
        switch encoding {
        case .windows1252 where (0x80...0x9F).contains(byte):
            return Unicode.Scalar(windows1252[Int(byte - 0x80)]) ?? Unicode.Scalar(byte)
        case .latin9:
            return latin9[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte)
        default:
            return Unicode.Scalar(byte)
        }
    }

    /// Windows-1252 0x80 to 0x9F (the five unassigned bytes stay the C1 controls of the same value).
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Where ISO-8859-15 differs from ISO-8859-1.
    private static let latin9: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178]

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        UTF8.encode(scalar) { output.append($0) }
    }

    private static func utf16(_ bytes: [UInt8], bigEndian: Bool, file: String) throws(DatasetError) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw DatasetError(file: file, line: nil, message: "has an odd number of bytes, so it is not UTF-16 as its byte order mark says; save it again as UTF-8 or UTF-16.")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        for index in stride(from: 0, to: bytes.count, by: 2) {
            units.append(bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index]))
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count + units.count / 4)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var line = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                appendUTF8(scalar, to: &output)
            case .emptyInput:
                break loop
            case .error:
                throw DatasetError(file: file, line: line, message: "this line is not valid UTF-16 (a lone surrogate); the file's byte order mark says UTF-16. Save it again as UTF-8.")
            }
        }
        return output
    }

    /// Throws at the first byte that is not UTF-8, naming its line and, when the file was not
    /// declared UTF-8, the encoding that reads it and the line to add to the workspace file.
    static func checkUTF8(_ bytes: [UInt8], file: String, declared: Bool) throws(DatasetError) {
        guard let offset = UTF8Validation.firstInvalidOffset(in: bytes) else { return }
        throw notUTF8(bytes, at: offset, file: file, declared: declared)
    }

    static func notUTF8(_ bytes: [UInt8], at offset: Int, file: String, declared: Bool) -> DatasetError {
        let line = bytes[..<offset].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        if let format = binaryFormat(bytes) {
            return DatasetError(file: file, line: nil, message: "is \(format), not a text file; export the sheet as CSV (UTF-8) and name that file.")
        }
        if looksLikeUTF16(bytes) {
            return DatasetError(file: file, line: nil, message: "looks like UTF-16 without a byte order mark; add `encoding: utf-16le` (or `utf-16be`) under this dataset in icp.workspace.yaml, or save the file as UTF-8.")
        }
        let byte = bytes[offset]
        let lineText = self.lineText(bytes, around: offset)
        if declared {
            return DatasetError(file: file, line: line, message: "this line is not valid UTF-8 (byte 0x\(hex(byte)) at byte \(offset + 1) of the file), though the file is declared `encoding: utf-8`; fix the line, or declare the encoding it is in.")
        }
        // Other lines hold valid multi-byte UTF-8: one encoding cannot read the whole file.
        if containsMultibyteUTF8(bytes) {
            return DatasetError(file: file, line: line, message: "this line is not valid UTF-8 (byte 0x\(hex(byte)), which reads as `\(String(singleByte(byte, in: .windows1252)))` in Windows-1252) while other lines are UTF-8: it was probably pasted from a file in another encoding. No one encoding reads the whole file; retype the character on this line (`\(lineText)`) and save the file as UTF-8.")
        }
        let windows = bytes.contains { (0x80...0x9F).contains($0) }
        let encoding: TextEncoding = windows ? .windows1252 : .latin1
        var decoded = ""
        decoded.unicodeScalars.append(contentsOf: Array(bytes[lineStart(bytes, offset)..<lineEnd(bytes, offset)]).prefix(200).map { $0 < 0x80 ? Unicode.Scalar($0) : singleByte($0, in: encoding) })
        let which = windows ? "Windows-1252 (byte 0x\(hex(byte)) and others only it defines)" : "a single-byte encoding: ISO-8859-1, or Windows-1252 which reads these bytes the same"
        return DatasetError(file: file, line: line, message: "this line is not UTF-8: the file looks like \(which), where the line reads `\(decoded.trimmingWhitespace())`. Add `encoding: \(encoding.rawValue)` under this dataset in icp.workspace.yaml (`accounts: {path: \(file), encoding: \(encoding.rawValue)}`), or save the file as UTF-8.")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    private static func lineStart(_ bytes: [UInt8], _ offset: Int) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), offset - start < 400 { start -= 1 }
        return start
    }

    private static func lineEnd(_ bytes: [UInt8], _ offset: Int) -> Int {
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r"), end - offset < 400 { end += 1 }
        return end
    }

    /// The line around `offset`, its invalid bytes shown as `\xNN`.
    private static func lineText(_ bytes: [UInt8], around offset: Int) -> String {
        let slice = Array(bytes[lineStart(bytes, offset)..<lineEnd(bytes, offset)].prefix(200))
        var text = ""
        var index = 0
        while index < slice.count {
            if slice[index] < 0x80 {
                text.unicodeScalars.append(Unicode.Scalar(slice[index]))
                index += 1
                continue
            }
            var iterator = slice[index..<min(slice.count, index + 4)].makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                text.unicodeScalars.append(scalar)
                index += UTF8.width(scalar)
            } else {
                text += "\\x\(hex(slice[index]))"
                index += 1
            }
        }
        return String(text.trimmingWhitespace())
    }

    /// Whether some bytes form valid UTF-8 sequences of two or more bytes.
    private static func containsMultibyteUTF8(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0xC2, byte <= 0xF4, index + 1 < bytes.count {
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if index + width <= bytes.count, bytes[(index + 1)..<(index + width)].allSatisfy({ $0 & 0xC0 == 0x80 }) { return true }
            }
            index += 1
        }
        return false
    }

    /// Many NUL bytes at every other position near the start: UTF-16 text.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1_024)
        guard head.count >= 16 else { return false }
        let zeros = head.enumerated().filter { $0.element == 0 }
        let even = zeros.filter { $0.offset % 2 == 0 }.count
        return zeros.count * 3 >= head.count && (even * 10 >= zeros.count * 9 || even * 10 <= zeros.count)
    }

    /// A spreadsheet or archive file named as data.
    static func binaryFormat(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive (an .xlsx workbook is one)" }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "an Excel 97-2003 workbook (.xls)" }
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) { return "a PDF document" }
        if bytes.starts(with: [0x1F, 0x8B]) { return "a gzip archive (unpack it first)" }
        if bytes.starts(with: Array("PAR1".utf8)) { return "a Parquet file" }
        return nil
    }
}
