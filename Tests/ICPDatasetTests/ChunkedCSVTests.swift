import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
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

    /// Read from disk in stretches (each freed once parsed), a file gives the columns of a read in
    /// memory; a cut inside a quoted field or an error gives nil, so the caller reads it whole.
    @Test(arguments: texts)
    func aFileReadInStretchesReadsAsInMemory(_ text: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("icp-chunks-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try read(text, chunkSize: Int.max)
        let file = try RegularFile(opening: url)
        var stretched = 0
        for chunkSize in 1...text.utf8.count {
            guard let read = CSVReader.read(file, name: "data.csv", missing: MissingValues(["N/A"]), progress: nil, chunkSize: chunkSize) else { continue }
            stretched += 1
            #expect(read.columns.map(\.name) == whole.map(\.name))
            for (got, expected) in zip(read.columns, whole) {
                #expect(got.codes == expected.codes, "chunk size \(chunkSize), column \(expected.name)")
                #expect(Array(got.values) == Array(expected.values), "chunk size \(chunkSize), column \(expected.name)")
            }
        }
        #expect(stretched > text.utf8.count / 2, "most cuts fall between records")
    }

    @Test func aFileWithAnErrorIsLeftToTheWholeRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("icp-chunks-\(UUID().uuidString).csv")
        try Data("id,a\n1,x\n2,y\n3,z,extra\n4,w\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try RegularFile(opening: url)
        for chunkSize in 1...30 {
            let progress = LoadProgress()
            #expect(CSVReader.read(file, name: "data.csv", missing: .none, progress: progress, chunkSize: chunkSize) == nil)
            // The abandoned attempt's rows are taken back: the whole read will count them again.
            #expect(progress.snapshot.rows == 0 && progress.snapshot.bytes == 0, "chunk size \(chunkSize)")
        }
    }

    /// Columns that stop looking values up (ids, names) give each text one code at the end: every
    /// row keeps its text, equal texts share a code, and values stay in order of first appearance.
    @Test func spilledColumnsGiveEachTextOneCode() throws {
        let rows = (0..<400).map { "\($0 % 150),name \($0 % 97),\($0)" }
        let text = "a,b,c\n" + rows.joined(separator: "\n") + "\n"
        for chunkSize in [Int.max, 700, 1_500] {
            var reader = CSVReader(bytes: Array(text.utf8), file: "data.csv", missing: .none)
            reader.chunkSize = chunkSize
            reader.maximumChunks = 5
            reader.spillThreshold = 8
            var columns = try reader.read().columns
            #expect(columns.allSatisfy { $0.spilled })
            for index in columns.indices { columns[index].finish() }
            for (position, column) in columns.enumerated() {
                let texts = column.codes.map { column.values[Int($0)] }
                #expect(texts == rows.map { String($0.split(separator: ",")[position]) }, "chunk size \(chunkSize), column \(column.name)")
                let firstSeen = texts.reduce(into: [String]()) { seen, text in if !seen.contains(text) { seen.append(text) } }
                #expect(Array(column.values.dropFirst()) == firstSeen, "chunk size \(chunkSize), column \(column.name)")
            }
        }
    }
}
