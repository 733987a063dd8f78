import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders

/// `icp draft` and `icp refine` on public company tables whose cases were written by someone
/// who had read only the user documentation, never the builder (fixtures/draft/blind; its
/// README and SOURCES say where each table comes from). Every case must mean what its writer
/// meant, or be a known miss that the output owns up to: no case may be silently wrong.
///
/// `ICP_DRAFT_CASES=FOLDER swift test --filter DraftBlindTests` runs the same on another folder
/// of tables (the held-back part) and prints its figures.
struct DraftBlindTests {
    static let set = DraftCaseSet(folder: ProcessInfo.processInfo.environment["ICP_DRAFT_CASES"].map { URL(fileURLWithPath: $0) }
                                  ?? FixturePaths.root.appendingPathComponent("draft/blind"))

    @Test func thereAreCasesOnSeveralTables() {
        #expect(Self.set.names.count >= 6, "\(Self.set.names)")
        #expect(Self.set.examples.count >= 200)
        for name in Self.set.names { #expect((Self.set.tables[name]?.engine.accounts.rowCount ?? 0) >= 100, "\(name)") }
    }

    @Test(arguments: set.examples)
    func meansWhatItsWriterMeant(_ example: DraftCaseSet.Example) throws {
        let (verdict, detail) = try Self.set.verdict(example)
        guard let known = example.known else {
            #expect(verdict == .right, "\(verdict.rawValue): \(detail)")
            return
        }
        // A known miss still owns up to it.
        #expect(verdict != .silentlyWrong, "silently wrong: \(detail)")
        withKnownIssue(Comment(rawValue: known)) { #expect(verdict == .right, "\(detail)") }
    }

    /// The figures per table and class, printed; none silently wrong.
    @Test func figures() throws {
        let (text, counts) = try Self.set.figures()
        print(text)
        #expect(counts[.silentlyWrong, default: 0] == 0, "\(text)")
    }
}
