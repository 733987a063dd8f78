import FoundationEssentials
import SystemPackage

/// Writing to the terminal: results on stdout, notes and errors on stderr.
///
/// Text meant for a person passes through ``readable(_:)``: names and values come from files
/// anyone can write, and an escape sequence in them must not reach the terminal. Machine output
/// (JSON, SARIF, SQL, CSV) is written as it is with ``writeData(_:)``; its own format escapes.
enum Output {
    /// Human-readable text on stdout, control characters shown as escapes.
    static func write(_ text: String) {
        writeData(readable(text.hasSuffix("\n") ? text : text + "\n"))
    }

    /// Machine-readable text on stdout, byte for byte.
    static func writeData(_ text: String) {
        _ = try? FileDescriptor.standardOutput.writeAll(text.utf8)
    }

    static func note(_ text: String) {
        _ = try? FileDescriptor.standardError.writeAll(readable(text + "\n").utf8)
    }

    /// `text` with every control character but line feed and tab written as `\u{1B}`: terminal
    /// escape sequences, carriage returns and the C1 controls cannot act on the terminal.
    static func readable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }

    static func error(_ text: String) {
        note("icp: error: \(text)")
    }

    /// Each distinct error once, in order: the ICPs of one workspace often fail for one reason.
    static func errorsOnce(_ texts: [String]) {
        var said = Set<String>()
        for text in texts where said.insert(text).inserted { error(text) }
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
