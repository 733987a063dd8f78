import Foundation
import Testing
@testable import ICPCore
@testable import ICPDataset

/// A CSV file cut into stretches parsed side by side reads exactly as one pass reads it:
/// same values in the same order, same codes, same errors on the same lines, wherever the
/// cuts fall (inside quoted line breaks included).
struct ChunkedCSVTests {
    static let texts = [
        "id,name,note\n1,Acme,\"two\nlines\"\n2,Beta,plain\n3,Acme,\"say \"\"hi\"\"\"\n4,Gamma,\"a,b\n\nc\"\n5,beta,N/A\n6,Acme,\n",
        "id,name\r\n1,Äpfel\r\n2,  Zoë \r\n\r\n3,Äpfel\r\n4,\u{00A0}Zoë\u{00A0}\r\n5,x\r\n",
        "a,b,c\n" + (1...60).map { "\($0),\($0 % 7 == 0 ? "\"q\n\($0)\"" : "v\($0 % 5)"),\($0 % 3 == 0 ? "" : "w")" }.joined(separator: "\n") + "\n",
        "id,v\n1,x\n\n\n2,y\n3,x\n4,\"\"\n5,\"x\"\n",
    ]

    /// The columns as single-pass reading gives them, cut by cut.
    private func read(_ text: String, chunkSize: Int) throws(DatasetError) -> [RawColumn] {
        var reader = CSVReader(bytes: Array(text.utf8), file: "data.csv", missing: MissingValues(["N/A"]))
        reader.chunkSize = chunkSize
        reader.maximumChunks = 7
        return try reader.read().columns
    }

    @Test(arguments: texts)
    func cutsAnywhereReadAsOnePass(_ text: String) throws {
        let whole = try read(text, chunkSize: Int.max)
        for chunkSize in 1...text.utf8.count {
            let cut = try read(text, chunkSize: chunkSize)
            #expect(cut.map(\.name) == whole.map(\.name))
            for (got, expected) in zip(cut, whole) {
                #expect(got.codes == expected.codes, "chunk size \(chunkSize), column \(expected.name)")
                #expect(Array(got.values) == Array(expected.values), "chunk size \(chunkSize), column \(expected.name)")
            }
        }
    }

    @Test(arguments: [
        ("id,a\n1,x\n2,y\n3,z\n4,w,extra\n5,v\n", 5, "has 3 fields"),
        ("id,a\n1,\"x\ny\"\n2,y\n3,\"z\"q\n", 5, "after a closing quote"),
        ("id,a\n1,x\n2,y\n3,\"open\n4,w\n", 4, "never closed"),
    ])
    func errorsNameTheSameLineWhereverTheCutsFall(text: String, line: Int, message: String) {
        for chunkSize in [Int.max] + Array(1...text.utf8.count) {
            do {
                _ = try read(text, chunkSize: chunkSize)
                Issue.record("chunk size \(chunkSize): no error")
            } catch {
                #expect(error.line == line, "chunk size \(chunkSize)")
                #expect(error.message.contains(message), "chunk size \(chunkSize): \(error.message)")
            }
        }
    }
}
