import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
import ICPDataset

/// What a careless or hostile sentence, instruction or file does to draft, refine and the
/// writers: a message, never a crash, a silent misreading or a file that says something else.
struct BuilderTrustTests {
    static let engine = DraftTests.sample.engine

    static func parameters(_ text: String, format: SourceFormat = .yaml) -> [Parameter] {
        ICPDocument(text: text, format: format).icp?.parameters ?? []
    }

    @Test(arguments: ["raised in the last 9223372036854775807 days", "funded within the past 1e300 years", "raised in the last 99999999999999999999 months"])
    func aHugeTimeWindowIsClampedNotACrash(sentence: String) throws {
        let draft = Self.engine.draft(sentence)
        let parameter = try #require(draft.parameters.first?.parameter)
        #expect(parameter.condition == .withinDays(Parameter.maximumWithinDays))
    }

    /// A huge number written as a decade ("the 9223372036854775807s") is no decade, not a crash
    /// (found by the builder fuzzer).
    @Test(arguments: ["raised in the last 9223372036854775807S with 51-500 employees", "founded in the 1e300s", "founded in the -9223372036854775808s"])
    func aHugeDecadeIsNoDecadeNotACrash(sentence: String) {
        let draft = Self.engine.draft(sentence)
        let written = draft.file(code: "d", name: "d").yaml
        #expect(ICPDocument(text: written, format: .yaml).diagnostics.filter { $0.severity == .error }.isEmpty, "\(written)")
    }

    @Test func aContradictionIsAMessageNamingTheWords() {
        let draft = Self.engine.draft("enterprise companies with fewer than 500 employees")
        #expect(draft.conflicts == ["\"enterprise\" and \"fewer than 500 employees\" cannot both hold: employees would need at least 1000 and at most 499; keep one of them"])
        let file = "icp: c\nparameters:\n  - field: industry\n    mode: filter\n    in: [Software]\n"
        guard case .failure(let failure) = Self.engine.refine(file, format: .yaml, instruction: "add a filter on enterprise companies with fewer than 500 employees") else {
            Issue.record("a contradictory addition was applied")
            return
        }
        #expect(failure.description.contains("cannot both hold"), "\(failure.description)")
    }

    @Test func aNumberTooLargeForADoubleBoundsNothing() {
        let draft = Self.engine.draft("over 1e309 employees")
        #expect(draft.parameters.isEmpty)
        #expect(draft.unmapped.map(\.words) == ["1e309 employees"])
        // Written with an exponent, a number that fits is read whole, not as 1 and a word.
        #expect(Self.engine.draft("over 1e3 employees").parameters.first?.parameter.summary == "employees: filter, min 1001")
    }

    /// A year past what a calendar date holds, on a date column, bounds nothing (it overflowed).
    @Test(arguments: ["last funding date before 1e18", "last funding date after 99999999999999", "last funding date between 1e300 and -1e300"])
    func anImpossibleYearOnADateColumnBoundsNothing(sentence: String) {
        let draft = Self.engine.draft(sentence)
        #expect(draft.parameters.isEmpty)
        #expect(draft.unmapped.first?.closest == "last_funding_date")
    }

    @Test func aMinusSignIsKept() throws {
        let file = "icp: g\nparameters:\n  - field: headcount_growth\n    mode: filter\n    min: 5\n"
        let refined = try Self.engine.refine(file, format: .yaml, instruction: "lower the growth floor to -10").get()
        #expect(refined.text.contains("    min: -10\n"), "\(refined.text)")
        // "51-500" and "51 -500" stay ranges.
        #expect(Self.engine.draft("51-500 employees").parameters.first?.parameter.summary == "employees: filter, min 51, max 500")
        #expect(Self.engine.draft("51 -500 employees").parameters.first?.parameter.summary == "employees: filter, min 51, max 500")
    }

    @Test func anInstructionIsCappedInSizeAndSteps() {
        let file = "icp: g\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n"
        let long = String(repeating: "raise the employee floor to 6; ", count: 400)
        guard case .failure(let failure) = Self.engine.refine(file, format: .yaml, instruction: long) else { Issue.record("over the size cap"); return }
        #expect(failure.description.contains("over 10,000 bytes"))
        let many = String(repeating: "drop x; ", count: Engine.maximumSteps + 1)
        guard case .failure(let steps) = Self.engine.refine(file, format: .yaml, instruction: many) else { Issue.record("over the step cap"); return }
        #expect(steps.description.contains("give at most 50"))
    }

    @Test func aRefinementThatWouldAddAnErrorIsRefused() {
        let file = "icp: g\nparameters:\n  - field: employees\n    mode: filter\n    min: 1000\n    max: 2000\n"
        guard case .failure(let failure) = Self.engine.refine(file, format: .yaml, instruction: "set the size cap to 499") else {
            Issue.record("min 1000 / max 499 was written")
            return
        }
        #expect(failure.description.hasPrefix("the refined file would have an error (line 5: `min` (1000) is greater than `max` (499)"), "\(failure.description)")
    }

    @Test(arguments: ["set the weight of tech to 10", "drop the tech score", "add a uses aws boost", "make tech a filter"])
    func anAliasedParameterIsNeverEditedThroughItsAnchor(instruction: String) {
        let file = "icp: a\nparameters:\n  - &p\n    field: tech_stack\n    mode: score\n    in: [aws]\n  - *p\n  - field: employees\n    mode: filter\n    min: 5\n"
        guard case .failure(let failure) = Self.engine.refine(file, format: .yaml, instruction: instruction) else {
            Issue.record("an aliased list was edited")
            return
        }
        #expect(failure.description.contains("YAML alias"))
    }

    @Test func anAdditionAfterAKeptBlockScalarLeavesItsValue() throws {
        let file = "icp: b\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n    description: |+\n      keep\n\n\n"
        let refined = try Self.engine.refine(file, format: .yaml, instruction: "add a uses aws boost").get()
        let before = try #require(ICPDocument(text: file, format: .yaml).tree.root?.mapping?.entries.last?.value.sequence?.items.first?.mapping?.entries.last?.value.scalar)
        let after = try #require(ICPDocument(text: refined.text, format: .yaml).tree.root?.mapping?.entries.last?.value.sequence?.items.first?.mapping?.entries.last?.value.scalar)
        #expect(before.text == "keep\n\n\n")
        #expect(after.text == before.text)
        #expect(Self.parameters(refined.text).count == 2)
    }

    @Test func insertionsIntoACRLFFileUseItsLineBreaks() throws {
        let file = "icp: d\r\nparameters:\r\n  - field: employees\r\n    mode: filter\r\n    min: 5"
        let refined = try Self.engine.refine(file, format: .yaml, instruction: "add a uses aws boost; set the weight of aws to 3").get()
        let bytes = Array(refined.text.utf8)
        let bare = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") && ($0 == 0 || bytes[$0 - 1] != UInt8(ascii: "\r")) }
        #expect(bare.isEmpty, "\(refined.text.debugDescription)")
        #expect(Self.parameters(refined.text).last?.weight?.value == 3)
    }

    @Test func aWeightInAFlowListIsEdited() throws {
        let file = "icp: c\nparameters: [{field: employees, mode: filter, min: 5}, {field: tech_stack, mode: score, in: [aws]}]\n"
        let refined = try Self.engine.refine(file, format: .yaml, instruction: "double the weight of tech").get()
        #expect(refined.text == "icp: c\nparameters: [{field: employees, mode: filter, min: 5}, {field: tech_stack, mode: score, in: [aws], weight: 2}]\n")
    }

    /// YAML (libyaml, as PyYAML and most editors' servers) ends a line at U+0085, U+2028 and U+2029.
    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}", "\r", "\n"])
    func aLineBreakOfAnyKindCannotWriteAKey(separator: String) {
        let sentence = "SaaS companies\(separator)min_score: 99\(separator)tiers: {Z: 1}\(separator)dataset: /etc/passwd"
        let file = Self.engine.draft(sentence).file(code: "draft", name: "SaaS\(separator)x")
        let document = ICPDocument(text: file.yaml, format: .yaml)
        #expect(document.icp?.minScore == 0)
        #expect(document.icp?.tiers.isEmpty == true)
        #expect(document.icp?.name == "SaaS\(separator)x")
        #expect(document.diagnostics.filter { $0.severity == .error }.isEmpty, "\(document.diagnostics)")
    }

    @Test(arguments: ["a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{7F}b"])
    func aValueIsWrittenAsTheSameValue(value: String) throws {
        let quoted = ICPFileText.yamlText(value)
        #expect(!quoted.unicodeScalars.contains { $0.value == 0x85 || $0.value == 0x2028 || $0.value == 0x2029 || $0.value == 0x7F })
        let document = ICPDocument(text: "icp: v\nname: \(quoted)\nparameters:\n  - {field: industry, mode: filter, in: [x]}\n", format: .yaml)
        #expect(document.icp?.name == value)
    }

    @Test(arguments: ["a\u{0}b", "tab\there", "line\nbreak", "c1\u{85}x", "\u{1B}[2J"])
    func aControlCharacterInAValueIsASchemaError(value: String) {
        let document = ICPDocument(text: "icp: v\nparameters:\n  - {field: industry, mode: filter, in: [\(value.jsonQuoted)]}\n", format: .yaml)
        let errors = document.check(in: CheckContext(asOf: SampleDataset.asOf)).filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.schema])
        #expect(errors.first?.message.contains("control character") == true)
        #expect(document.icp?.parameters.first?.condition == nil)
    }

    @Test func derivedCutsOfTinyValuesAreShort() {
        let cut = RangeSplit.roundNumber(Double.leastNonzeroMagnitude)
        #expect(cut.text.count < 12, "\(cut.text)")
        #expect(ScalarReading.number(cut.text) == cut.value)
        // A number past 2^53 has no fraction to show, and no Int holds it: written in full, not a crash.
        let huge = CountFormat.decimal(1e300, digits: 1)
        #expect(huge.hasPrefix("1000000000000000052") && huge.hasSuffix(".0") && huge.count == 303, "\(huge)")
    }
}
