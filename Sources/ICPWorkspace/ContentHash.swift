import Crypto
import Foundation

/// The SHA-256 of a file's bytes, read a block at a time: what `sha256sum` prints, so a reader of
/// `icp report` can check the data and definitions behind its figures.
public enum ContentHash {
    public static func sha256(of url: URL) throws -> (bytes: Int, hex: String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
            bytes += block.count
        }
        return (bytes, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
