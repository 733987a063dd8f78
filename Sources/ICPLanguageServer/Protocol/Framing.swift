import FoundationEssentials

/// Splits a byte stream into LSP messages: `Content-Length: N` headers, a blank line, N bytes.
///
/// Bad input never stops it: a header block without a usable `Content-Length` is reported and
/// skipped, and reading resumes at the next header. A message over ``maximumLength`` is
/// reported and its bytes are dropped until it ends or the next header appears, whichever is
/// first, so a lying `Content-Length` cannot swallow the messages after it. The body's JSON is
/// not checked here.
public struct MessageFramer: Sendable {
    /// What the framer makes of the bytes fed to it so far.
    public enum Frame: Sendable, Equatable {
        case message(Data)
        /// A header block that could not be used, and why.
        case malformed(String)
    }

    /// A single message larger than this is refused (its bytes are skipped).
    public static let maximumLength = 64 * 1024 * 1024

    private var buffer = Data()
    /// Bytes of an oversized message still to drop, unless a header comes first.
    private var skipping = 0

    public init() {}

    /// Adds bytes read from the stream and returns every frame they complete.
    public mutating func feed(_ data: Data) -> [Frame] {
        buffer.append(data)
        defer { compact() }
        var frames: [Frame] = []
        while true {
            if skipping > 0 {
                let header = Self.firstHeaderStart(in: buffer).map { $0 - buffer.startIndex }
                // Keep a tail that may be the start of a header name cut by the read.
                let dropped = min(skipping, header ?? max(0, buffer.count - Self.headerName.count))
                buffer.removeFirst(dropped)
                skipping = header == nil ? skipping - dropped : 0
                if skipping > 0 { return frames }
            }
            guard let separator = buffer.firstRange(of: Data("\r\n\r\n".utf8)) else {
                if buffer.count > 8192 {
                    frames.append(.malformed("more than 8 KB without the blank line that ends a header; skipped"))
                    resynchronize(after: buffer.count - 32)
                }
                return frames
            }
            // Junk before a header (a broken message, stray bytes) is dropped up to the header's start.
            if let headerStart = Self.lastHeaderStart(in: buffer, before: separator.lowerBound), headerStart > buffer.startIndex {
                frames.append(.malformed("\(headerStart - buffer.startIndex) bytes of junk before a header; skipped"))
                buffer.removeFirst(headerStart - buffer.startIndex)
                continue
            }
            let header = String(decoding: buffer[buffer.startIndex..<separator.lowerBound], as: UTF8.self)
            let bodyStart = separator.upperBound - buffer.startIndex
            guard let length = Self.contentLength(header) else {
                frames.append(.malformed("a header without a valid Content-Length: \(header.prefix(80).debugDescription)"))
                buffer.removeFirst(bodyStart)
                continue
            }
            if length > Self.maximumLength {
                frames.append(.malformed("a message of \(length) bytes is larger than the \(Self.maximumLength) allowed; its bytes are skipped up to the next header"))
                buffer.removeFirst(bodyStart)
                skipping = length
                continue
            }
            guard buffer.count - bodyStart >= length else { return frames }
            let body = buffer.subdata(in: (buffer.startIndex + bodyStart)..<(buffer.startIndex + bodyStart + length))
            buffer.removeFirst(bodyStart + length)
            frames.append(.message(body))
        }
    }

    /// Gives back the memory of bytes already consumed. `removeFirst` on `Data` only moves its
    /// start, so without this the buffer would keep every byte ever received. Copying what is
    /// left once the consumed part is at least as large keeps the cost linear in the input.
    private mutating func compact() {
        let consumed = buffer.startIndex
        guard consumed > 0, consumed >= buffer.count else { return }
        buffer = buffer.isEmpty ? Data() : buffer.withUnsafeBytes { Data($0) }
    }

    /// Bytes held between reads, for tests: the part of a message not yet complete.
    var bufferedByteCount: Int { buffer.count }

    /// Drops bytes up to the next `Content-Length` header after `offset`, or all but a tail that may start one.
    private mutating func resynchronize(after offset: Int) {
        let start = buffer.startIndex + max(0, offset)
        if let next = buffer[start..<buffer.endIndex].firstRange(of: Data("Content-Length".utf8)) {
            buffer.removeFirst(next.lowerBound - buffer.startIndex)
        } else {
            buffer.removeFirst(max(0, buffer.count - 32))
        }
    }

    private static let headerName = "Content-Length"

    /// Where the first `Content-Length` name (either common spelling) starts.
    private static func firstHeaderStart(in buffer: Data) -> Data.Index? {
        [headerName, headerName.lowercased()].compactMap { buffer.firstRange(of: Data($0.utf8))?.lowerBound }.min()
    }

    /// Where the last `Content-Length` name (either common spelling) before `end` starts.
    private static func lastHeaderStart(in buffer: Data, before end: Data.Index) -> Data.Index? {
        [headerName, headerName.lowercased()].compactMap { name in
            buffer[buffer.startIndex..<end].ranges(of: Data(name.utf8)).last?.lowerBound
        }.max()
    }

    /// The value of `Content-Length` (case-insensitive name) when it is a whole number.
    static func contentLength(_ header: String) -> Int? {
        // `\r\n` is one Character, so lines are split on `isNewline`, not on `\r` and `\n`.
        for line in header.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, trimmed(parts[0]).lowercased() == "content-length" else { continue }
            guard let value = Int(trimmed(parts[1])), value >= 0 else { return nil }
            return value
        }
        return nil
    }

    /// `text` without white space around it (this file stands alone in the framing fuzzer).
    private static func trimmed(_ text: Substring) -> Substring {
        var text = text.drop(while: \.isWhitespace)
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }

    /// The framed bytes of one message.
    public static func frame(_ body: Data) -> Data {
        var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        data.append(body)
        return data
    }
}
