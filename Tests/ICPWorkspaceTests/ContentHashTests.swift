import Foundation
import Testing
@testable import ICPWorkspace

/// The SHA-256 `icp report` prints: FIPS 180-4's own examples, the padding boundaries (digests
/// from Python's hashlib), pieces of any size, and a file read in blocks as `sha256sum` reads it.
struct ContentHashTests {
    static func hex(_ bytes: [UInt8], pieces: Int = 1) -> String {
        var hasher = SHA256()
        let size = max(1, (bytes.count + pieces - 1) / max(1, pieces))
        for start in stride(from: 0, to: bytes.count, by: size) { hasher.update(bytes[start..<min(bytes.count, start + size)]) }
        return hasher.hexDigest()
    }

    @Test func theStandardsExamples() {
        #expect(Self.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), pieces: 7)
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
    ])
    func thePaddingBoundaries(count: Int, digest: String) {
        let bytes = (0..<count).map { UInt8($0 % 251) }
        #expect(Self.hex(bytes) == digest)
        #expect(Self.hex(bytes, pieces: 3) == digest, "fed in three pieces")
    }

    @Test func aFileIsHashedAsItsBytes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("icp-hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        try Data(bytes).write(to: url)
        let (count, hex) = try ContentHash.sha256(of: url)
        #expect(count == 1_000_000)
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
