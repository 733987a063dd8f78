import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// Every `fixtures/checks/*.icp.{yaml,json}` beside its `.expected`: one line per diagnostic,
/// `line:column-endLine:endColumn severity code: message`, 1-based character columns as
/// `icp check` prints them. Checked as of 2026-11-01, the fixture workspace's `as_of`.
/// Set ICP_UPDATE_FIXTURES=1 to write missing or changed expectations (then read the diff).
struct CheckFixtureTests {
    static let folder = FixturePaths.root.appendingPathComponent("checks")
    static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { ICPFileName.matches($0) }.sorted()
    }

    static func render(_ text: String, fileName: String) -> String {
        let document = ICPDocument(text: text, format: SourceFormat(fileName: fileName))
        let diagnostics = document.check(in: CheckContext(asOf: asOf))
        return diagnostics.map { FixtureRendering.line($0, in: document.source) }.joined(separator: "\n")
    }

    @Test("fixture diagnostics match the expected file", arguments: fixtureNames)
    func fixture(name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let actual = Self.render(text, fileName: name)
        let expectedURL = url.deletingPathExtension().appendingPathExtension("expected")
        let expected = (try? String(contentsOf: expectedURL, encoding: .utf8))?.trimmingCharacters(in: .newlines)
        if ProcessInfo.processInfo.environment["ICP_UPDATE_FIXTURES"] == "1", expected != actual {
            try (actual + "\n").write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        #expect(expected != nil, "no \(expectedURL.lastPathComponent) beside \(name)")
        #expect(actual == expected)
    }

    @Test("CRLF line ends and a byte order mark change no position", arguments: fixtureNames)
    func lineEndingsAndBOM(name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let plain = Self.render(text, fileName: name)
        let crlf = Self.render("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), fileName: name)
        #expect(crlf == plain)
    }

    @Test("every data-free diagnostic code is exercised by some fixture")
    func coverage() throws {
        var seen = Set<String>()
        for name in Self.fixtureNames {
            let url = Self.folder.appendingPathComponent(name).deletingPathExtension().appendingPathExtension("expected")
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count > 2 { seen.insert(String(parts[2].dropLast())) }
            }
        }
        let dataFree: [DiagnosticCode] = [.syntax, .schema, .emptyRange, .duplicateCode, .weightIgnored, .noExclusions, .stale, .emptyTier]
        for code in dataFree {
            #expect(seen.contains(code.rawValue), "no fixture shows \(code.rawValue)")
        }
    }
}
