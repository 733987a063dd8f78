import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// Checks whose outcome depends on arithmetic worth spelling out beside the fixtures.
struct CheckTests {
    private func diagnostics(_ text: String, asOf: String = "2026-11-01") -> [Diagnostic] {
        ICPDocument(text: text, format: .yaml).check(in: CheckContext(asOf: CalendarDate(parsing: asOf)!))
    }

    @Test func withNoScoreParametersEveryScoreIs100() {
        let found = diagnostics("icp: x\ntiers: {A: 100, B: 50}\nparameters:\n  - {field: a, mode: exclude, is: b}\n")
        #expect(found.filter { $0.code == .emptyTier }.map(\.message).count == 1)
        #expect(found.contains { $0.code == .emptyTier && $0.message.contains("tier `B`") })
    }

    @Test func scoreExactlyOnATierMinimumLandsInIt() {
        // Weights 1 and 1: scores 0, 50, 100. Tier B starts at 50 exactly, so it is reachable.
        let found = diagnostics("icp: x\ntiers: {A: 100, B: 50, C: 0}\nparameters:\n  - {field: a, mode: score, is: b}\n  - {field: c, mode: score, is: d}\n  - {field: e, mode: exclude, is: f}\n")
        #expect(!found.contains { $0.code == .emptyTier })
    }

    @Test func staleCountsFromAsOf() {
        let text = "icp: x\nreviewed: 2026-08-03\nparameters:\n  - {field: a, mode: exclude, is: b}\n"
        #expect(!diagnostics(text, asOf: "2026-11-01").contains { $0.code == .stale })
        #expect(diagnostics(text, asOf: "2026-11-02").contains { $0.code == .stale })
    }

    @Test func inOnListColumnsIsNotJudgedWithoutData() {
        // Two `in` filters may both pass on a list column (different elements), so no finding.
        let found = diagnostics("icp: x\nparameters:\n  - {field: tags, mode: filter, in: [a]}\n  - {field: tags, mode: filter, in: [b]}\n  - {field: e, mode: exclude, is: f}\n")
        #expect(!found.contains { $0.code == .emptyRange })
    }

    @Test func equalValuesUnderAnyTypeAreNotEmpty() {
        let found = diagnostics("icp: x\nparameters:\n  - {field: a, mode: filter, is: yes}\n  - {field: a, mode: filter, is: true}\n  - {field: n, mode: filter, is: 5}\n  - {field: n, mode: filter, is: 5.0}\n  - {field: e, mode: exclude, is: f}\n")
        #expect(!found.contains { $0.code == .emptyRange })
    }

    @Test func missingKeysAreNotReportedInAPartialDocument() {
        let document = ICPDocument(text: "name: x\nstatus: live\nbroken: \"open\n", format: .yaml)
        #expect(document.diagnostics.map(\.code) == [.syntax])
    }
}

extension CheckTests {
    @Test func atMostSixtyFourScoreParameters() {
        let many = (0..<65).map { "  - {field: f\($0), mode: score, is: x}\n" }.joined()
        let found = diagnostics("icp: x\nparameters:\n" + many + "  - {field: e, mode: exclude, is: f}\n")
        let finding = found.first { $0.message.contains("at most 64 score parameters") }
        #expect(finding?.code == .schema)
        #expect(finding?.range.start.line == 66)
    }
}

/// Quoting in `icp sql`: no identifier or value can break out, in any dialect.
struct SQLQuotingTests {
    @Test(arguments: SQLDialect.allCases)
    func identifiersAndLiteralsAreEscaped(dialect: SQLDialect) {
        let identifier = dialect.identifier("a\"b`c\\d")
        let literal = dialect.literal("it's \\ done")
        let controls = dialect.literal("a\nb\r\t\0")
        switch dialect {
        case .duckdb, .postgres:
            #expect(identifier == "\"a\"\"b`c\\d\"")
            #expect(literal == "'it''s \\ done'")
            #expect(controls == "'a\nb\r\t\0'")
        case .snowflake:
            // Snowflake reads a backslash in a literal as an escape, but not in a quoted identifier.
            #expect(identifier == "\"a\"\"b`c\\d\"")
            #expect(literal == "'it\\'s \\\\ done'")
            #expect(controls == "'a\\nb\\r\\t\\u0000'")
        case .bigquery:
            #expect(identifier == "`a\"b\\`c\\\\d`")
            #expect(literal == "'it\\'s \\\\ done'")
            #expect(controls == "'a\\nb\\r\\t\\u0000'")
        case .spark:
            #expect(identifier == "`a\"b``c\\d`")
            #expect(literal == "'it\\'s \\\\ done'")
            #expect(controls == "'a\\nb\\r\\t\\u0000'")
        }
    }

    @Test func conditionsOnMissingColumnsAreConstant() {
        let compiler = SQLCompiler(dialect: .duckdb, table: "accounts", columns: [("a", .text)], idField: "id", asOf: CalendarDate(daysSinceEpoch: 0))
        #expect(compiler.condition("nope", .exists(false)) == "TRUE")
        #expect(compiler.condition("nope", .exists(true)) == "FALSE")
        #expect(compiler.condition("a", .range(min: ConditionValue(text: "1", range: SourceRange(at: .start), isQuoted: false), max: nil)) == "FALSE")
    }
}
