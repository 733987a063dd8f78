import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// The on-disk cache gives back exactly what reading the CSV gives, and is never trusted when stale or damaged.
struct DatasetCacheTests {
    let folder: URL
    let csv: URL
    let options = DatasetOptions(missingValues: ["N/A"], fields: ["tags": FieldOverride(type: .list, separator: ";")])

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        csv = folder.appendingPathComponent("accounts.csv")
        let rows = (1...300).map { "\($0),Name \($0 % 7),\($0 % 3 == 0 ? "N/A" : String($0 * 10)),\($0 % 2 == 0 ? "yes" : "no"),2026-0\($0 % 9 + 1)-1\($0 % 9),a;B;c\($0 % 4)" }
        try ("id,name,size,flag,day,tags\n" + rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    }

    private var cacheFile: URL { folder.appendingPathComponent(".icp-cache/accounts.csv.icpcache") }

    /// Everything a column holds, as comparable text.
    private func fingerprint(_ store: ColumnStore) -> [String] {
        store.columns.map { column in
            let cells: String = switch column.cells {
            case .text(let normalized): Array(normalized).joined(separator: "|")
            case .number(let numbers): numbers.map { $0.isNaN ? "nan" : "\($0)" }.joined(separator: "|")
            case .boolean(let flags): flags.map { "\($0)" }.joined(separator: "|")
            case .date(let days): days.map(String.init).joined(separator: "|")
            case .list(let lists): lists.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "|") + Array(column.elements).joined(separator: "|")
            case .range(let bands): bands.map(\.description).joined(separator: "|")
            }
            return "\(column.name) \(column.type) \(column.codes) \(Array(column.values)) \(cells) \(column.reading)"
        }
    }

    @Test func aCachedReadEqualsAFreshRead() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try DatasetLoader.load(csv, name: "accounts.csv", options: options, cache: false)
        let first = try DatasetLoader.load(csv, name: "accounts.csv", options: options)
        DatasetCache.finishWrites()
        #expect(FileManager.default.fileExists(atPath: cacheFile.path))
        #expect(try String(contentsOf: folder.appendingPathComponent(".icp-cache/.gitignore"), encoding: .utf8) == "*\n")
        let key = try #require(DatasetCache.key(for: csv, options: options))
        let cached = try #require(DatasetCache.read(for: csv, key: key))
        #expect(fingerprint(cached) == fingerprint(fresh))
        #expect(fingerprint(first) == fingerprint(fresh))
    }

    /// A cached store decodes each column when first asked for, from the file kept mapped: one
    /// column alone, then the rest, read the same as a fresh read, even once the cache file is
    /// removed or replaced (the mapping keeps the file it opened).
    @Test func columnsAreDecodedOnFirstUseAndReadTheSame() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try DatasetLoader.load(csv, name: "accounts.csv", options: options, cache: false)
        _ = try DatasetLoader.load(csv, name: "accounts.csv", options: options)
        DatasetCache.finishWrites()
        let key = try #require(DatasetCache.key(for: csv, options: options))
        let cached = try #require(DatasetCache.read(for: csv, key: key))
        #expect(cached.columnNames == fresh.columnNames)
        try FileManager.default.removeItem(at: cacheFile)
        let tags = try #require(cached.column(named: "tags"))
        #expect(Array(tags.elements) == Array(try #require(fresh.column(named: "tags")).elements))
        cached.prefetch(["size", "day", "no such column"])
        #expect(fingerprint(cached) == fingerprint(fresh))
    }

    @Test func aChangedSourceIsReadAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DatasetLoader.load(csv, name: "accounts.csv", options: options)
        var text = try String(contentsOf: csv, encoding: .utf8)
        text += "301,New,1,yes,2026-01-01,z\n"
        try text.write(to: csv, atomically: true, encoding: .utf8)
        #expect(try DatasetLoader.load(csv, name: "accounts.csv", options: options).rowCount == 301)
    }

    @Test func otherOptionsAreAnotherKey() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DatasetLoader.load(csv, name: "accounts.csv", options: options)
        let plain = try DatasetLoader.load(csv, name: "accounts.csv", options: DatasetOptions())
        #expect(plain.column(named: "tags")?.type == .text)
        #expect(plain.column(named: "size")?.type == .text, "without N/A as missing, `size` holds text")
    }

    @Test(arguments: ["flip", "truncate", "empty"])
    func aDamagedCacheIsRebuiltNotTrusted(damage: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try DatasetLoader.load(csv, name: "accounts.csv", options: options, cache: false)
        _ = try DatasetLoader.load(csv, name: "accounts.csv", options: options)
        DatasetCache.finishWrites()
        var bytes = [UInt8](try Data(contentsOf: cacheFile))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x40
        case "truncate": bytes.removeLast(bytes.count / 3)
        default: bytes = []
        }
        try Data(bytes).write(to: cacheFile)
        let key = try #require(DatasetCache.key(for: csv, options: options))
        #expect(DatasetCache.read(for: csv, key: key) == nil)
        let reread = try DatasetLoader.load(csv, name: "accounts.csv", options: options)
        #expect(fingerprint(reread) == fingerprint(fresh))
        #expect(DatasetCache.read(for: csv, key: key) != nil, "the cache was written again")
    }
    /// A same-size edit far into a file, with the modification time put back, once went unseen
    /// (only the first 64 KB of files up to 1.2 MB were hashed) and gave wrong counts.
    @Test func aSameSizeEditPastTheFirstBlockIsSeen() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.csv")
        let rows = (1...20_000).map { "\($0),\($0 == 19_000 ? "Software" : "Retail")" }
        try ("id,industry\n" + rows.joined(separator: "\n") + "\n").write(to: big, atomically: true, encoding: .utf8)
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: big.path)[.modificationDate] as? Date)
        let before = try DatasetLoader.load(big, name: "big.csv", options: DatasetOptions())
        #expect(try #require(before.column(named: "industry")).values.contains("Software"))

        var bytes = try Data(contentsOf: big)
        #expect(bytes.count > 200_000)
        let target = try #require(bytes.range(of: Data("Software".utf8)))
        #expect(target.lowerBound > 70_000)
        bytes.replaceSubrange(target, with: Data("Hardware".utf8))
        try bytes.write(to: big)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: big.path)

        let after = try DatasetLoader.load(big, name: "big.csv", options: DatasetOptions())
        let industries = try #require(after.column(named: "industry")).values
        #expect(industries.contains("Hardware"))
        #expect(!industries.contains("Software"))
    }
}
