import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp draft`: sentences to parameters, on the built-in sample and on a dataset that names the
/// same ideas otherwise (fixtures/draft/other-names). Each case gives the parameters it must
/// draft, written as an ICP by hand; the drafted parameters must be those, and the accounts the
/// engine qualifies for the draft must be the ones the reference evaluator qualifies for the
/// hand-written ICP, row by row from the raw CSV.
struct DraftTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let sentence: String
        /// Flow-YAML parameters, `{field: ..., mode: ..., ...}` joined by `, `.
        let expected: String
        /// Words that must be named as unmapped.
        let unmapped: [String]
        var testDescription: String { sentence }

        init(_ sentence: String, _ expected: String, unmapped: [String] = []) {
            self.sentence = sentence
            self.expected = expected
            self.unmapped = unmapped
        }
    }

    struct Dataset: Sendable {
        let engine: Engine
        let reference: ReferenceEvaluator
    }

    static let sample: Dataset = {
        let (engine, _, reference) = try! BacktestTests.sample(accounts: SampleDataset.builtInAccounts, seed: SampleDataset.builtInSeed)
        return Dataset(engine: engine, reference: reference)
    }()

    static let otherNames: Dataset = {
        let folder = FixturePaths.root.appendingPathComponent("draft/other-names")
        let csv = try! String(contentsOf: folder.appendingPathComponent("data/companies.csv"), encoding: .utf8)
        let config = WorkspaceDocument(text: try! String(contentsOf: folder.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8)).config
        let store = try! DatasetLoader.load(Array(csv.utf8), name: "companies.csv", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        let table = ReferenceTable(csv: csv, missingValues: config.missingValues, overrides: ["stack": (.list, "|")])
        return Dataset(engine: engine, reference: ReferenceEvaluator(table: table, asOf: SampleDataset.asOf.daysSinceEpoch))
    }()

    static let sampleCases: [Case] = [
        // The seed's own example, and the comment it must keep.
        Case("B2B SaaS companies in North America and EMEA with 51-500 employees using HubSpot, ideally Series B+, excluding government, with a security-first culture",
             "{field: industry, mode: filter, in: [Software]}, {field: region, mode: filter, in: [North America, EMEA]}, {field: employees, mode: filter, min: 51, max: 500}, {field: tech_stack, mode: filter, in: [hubspot]}, {field: funding_stage, mode: score, in: [Series B, Series C, Series D+], weight: 2}, {field: industry, mode: exclude, in: [Public Sector]}",
             unmapped: ["security-first culture"]),
        Case("Fintech in DACH, must have over $10M revenue, no Salesforce",
             "{field: industry, mode: filter, in: [Fintech]}, {field: country, mode: filter, in: [DE, CH]}, {field: revenue_usd, mode: filter, min: 10000000}, {field: tech_stack, mode: exclude, in: [salesforce]}"),
        Case("Mid-market software companies, excluding retail, manufacturing and public sector, ideally recently funded",
             "{field: employees, mode: filter, min: 100, max: 999}, {field: industry, mode: filter, in: [Software]}, {field: industry, mode: exclude, in: [Retail, Manufacturing, Public Sector]}, {field: last_funding_date, mode: score, within_days: 365, weight: 2}"),
        Case("enterprise companies that raised in the last 12 months and are hiring fast, HubSpot is a plus",
             "{field: employees, mode: filter, min: 1000}, {field: last_funding_date, mode: filter, within_days: 365}, {field: headcount_growth, mode: filter, min: 20}, {field: tech_stack, mode: score, in: [hubspot], weight: 1}"),
        Case("US-based companies with at least 200 people, not using Pipedrive, no competitor accounts",
             "{field: country, mode: filter, in: [US]}, {field: employees, mode: filter, min: 200}, {field: tech_stack, mode: exclude, in: [pipedrive]}",
             unmapped: ["competitor accounts"]),
        Case("Series B or C fintechs in the Nordics or UK, founded after 2015",
             "{field: funding_stage, mode: filter, in: [Series B, Series C]}, {field: industry, mode: filter, in: [Fintech]}, {field: country, mode: filter, in: [SE, \"NO\", GB]}, {field: founded_year, mode: filter, min: 2016}"),
        Case("SMB healthcare in Germany, preferably growth-stage, with a bonus for Snowflake",
             "{field: employees, mode: filter, max: 99}, {field: industry, mode: filter, in: [Healthcare]}, {field: country, mode: filter, in: [DE]}, {field: funding_stage, mode: score, in: [Series B, Series C, Series D+], weight: 2}, {field: tech_stack, mode: score, in: [snowflake], weight: 1}"),
        Case("fintec companis in Frnace on Salesforce",
             "{field: industry, mode: filter, in: [Fintech]}, {field: country, mode: filter, in: [FR]}, {field: tech_stack, mode: filter, in: [salesforce]}"),
        Case("companies in the US or Canada between 50 and 1,000 employees and $5M-$50M in revenue",
             "{field: country, mode: filter, in: [US, CA]}, {field: employees, mode: filter, min: 50, max: 1000}, {field: revenue_usd, mode: filter, min: 5000000, max: 50000000}"),
        Case("only martech in APAC", "{field: industry, mode: filter, in: [Marketing Tech]}, {field: region, mode: filter, in: [APAC]}"),
        Case("primarily SaaS, no gambling", "{field: industry, mode: score, in: [Software], weight: 3}, {field: industry, mode: exclude, in: [Gambling]}"),
        Case("Companies using AWS or GCP with fewer than 50 employees", "{field: tech_stack, mode: filter, in: [aws, gcp]}, {field: employees, mode: filter, max: 49}"),
        Case("early-stage startups in LATAM", "{field: funding_stage, mode: filter, in: [Seed, Series A]}, {field: region, mode: filter, in: [LATAM]}", unmapped: ["startups"]),
        Case("late-stage companies, not existing customers", "{field: funding_stage, mode: filter, in: [Series D+]}, {field: is_customer, mode: exclude, is: true}"),
        Case("existing customers in EMEA", "{field: is_customer, mode: filter, is: true}, {field: region, mode: filter, in: [EMEA]}"),
        Case("net new logos in healthcare or education", "{field: is_customer, mode: exclude, is: true}, {field: industry, mode: filter, in: [Healthcare, Education]}"),
        Case("large enterprises with revenue over $1B", "{field: employees, mode: filter, min: 1000}, {field: revenue_usd, mode: filter, min: 1000000000}"),
        Case("up to 300 employees, ideally bootstrapped", "{field: employees, mode: filter, max: 300}, {field: funding_stage, mode: score, in: [Bootstrapped], weight: 2}"),
        Case("Logistics and energy companies with 200+ employees using Slack and Jira, excluding Russia",
             "{field: industry, mode: filter, in: [Logistics, Energy]}, {field: employees, mode: filter, min: 200}, {field: tech_stack, mode: filter, in: [slack, jira]}, {field: country, mode: exclude, in: [RU]}"),
        Case("media companies with no more than 500 staff", "{field: industry, mode: filter, in: [Media]}, {field: employees, mode: filter, max: 500}"),
        Case("European software companies", "{field: country, mode: filter, in: [CH, DE, ES, FR, GB, IE, IT, NL, \"NO\", PL, SE]}, {field: industry, mode: filter, in: [Software]}"),
        Case("Series A companies that raised in the past 6 months", "{field: funding_stage, mode: filter, in: [Series A]}, {field: last_funding_date, mode: filter, within_days: 183}"),
        Case("companies with headcount growth above 30%", "{field: headcount_growth, mode: filter, min: 30}"),
        Case("a security-first culture and competitor accounts", "", unmapped: ["security-first culture", "competitor accounts"]),
        Case("ideally using Zendesk or Intercom, must be in North America", "{field: tech_stack, mode: score, in: [zendesk, intercom], weight: 2}, {field: region, mode: filter, in: [North America]}"),
    ]

    static let otherNameCases: [Case] = [
        Case("cybersecurity companies in DACH with 100+ staff using Snowflake, ideally Series B+ and growing fast, excluding government",
             "{field: sector, mode: filter, in: [Cybersecurity]}, {field: hq_country, mode: filter, in: [Germany, Austria, Switzerland]}, {field: headcount, mode: filter, min: 100}, {field: stack, mode: filter, in: [Snowflake]}, {field: last_round, mode: score, in: [Series B, Series C, Series D], weight: 2}, {field: yoy_growth, mode: score, min: 0.2, weight: 2}, {field: sector, mode: exclude, in: [Government]}"),
        Case("SaaS in the US", "{field: sector, mode: filter, in: [B2B SaaS]}, {field: hq_country, mode: filter, in: [USA]}"),
        Case("security companies in Europe", "{field: sector, mode: filter, in: [Cybersecurity]}, {field: geo, mode: filter, in: [Europe]}"),
        Case("fintech with over $20M revenue, no Okta", "{field: sector, mode: filter, in: [Financial Services]}, {field: annual_revenue, mode: filter, min: 20000000}, {field: stack, mode: exclude, in: [Okta]}"),
        Case("exclude companies with fewer than 20 engineering hires in the last 12 months", "{field: engineering_hires_12m, mode: exclude, max: 19}"),
        Case("ecommerce companies in North America raised in the last year", "{field: sector, mode: filter, in: [E-commerce]}, {field: hq_country, mode: filter, in: [USA, Canada]}, {field: last_round_date, mode: filter, within_days: 365}"),
        Case("mid-market healthcare, ideally using Databricks", "{field: headcount, mode: filter, min: 100, max: 999}, {field: sector, mode: filter, in: [Healthcare]}, {field: stack, mode: score, in: [Databricks], weight: 2}"),
        Case("enterprise logistics in APAC, not in Japan", "{field: headcount, mode: filter, min: 1000}, {field: sector, mode: filter, in: [Logistics]}, {field: geo, mode: filter, in: [Asia Pacific]}, {field: hq_country, mode: exclude, in: [Japan]}"),
        Case("existing clients in Brazil", "{field: is_client, mode: filter, is: true}, {field: hq_country, mode: filter, in: [Brazil]}"),
        Case("companies with a great culture", "", unmapped: ["great culture"]),
    ]

    @Test(arguments: sampleCases)
    func draftsOnTheSample(_ example: Case) throws {
        try check(example, on: Self.sample)
    }

    @Test(arguments: otherNameCases)
    func draftsOnOtherColumnNames(_ example: Case) throws {
        try check(example, on: Self.otherNames)
    }

    private func check(_ example: Case, on dataset: Dataset) throws {
        let draft = dataset.engine.draft(example.sentence)
        #expect(draft.unmapped.map(\.words) == example.unmapped)
        let expected = ICPDocument(text: "icp: expected\nparameters: [\(example.expected)]\n", format: .yaml).icp
        let expectedParameters = expected?.parameters ?? []
        let summaries = expectedParameters.map { parameter in
            WrittenParameter(field: parameter.field?.value ?? "", mode: parameter.mode?.value ?? .filter, condition: parameter.condition!.value,
                             weight: parameter.weight?.value).summary
        }
        #expect(draft.parameters.map(\.parameter.summary) == summaries)
        guard let expected, !expectedParameters.isEmpty else { return }
        let drafted = dataset.engine.evaluate(draft.icp(code: "draft"))
        let reference = dataset.reference.evaluate(expected).qualified
        let rows = (0..<reference.count).filter { reference[$0] }
        var engineRows: [Int] = []
        drafted.qualified.forEach { engineRows.append($0) }
        #expect(engineRows == rows)
    }

    @Test func draftingIsDeterministicAndTheFileChecksClean() throws {
        let sentence = Self.sampleCases[0].sentence
        let first = Self.sample.engine.draft(sentence).file(code: "draft", name: "Draft")
        let again = try BacktestTests.sample(accounts: SampleDataset.builtInAccounts, seed: SampleDataset.builtInSeed).0.draft(sentence).file(code: "draft", name: "Draft")
        #expect(first.yaml == again.yaml)
        #expect(first.json == again.json)
        for (text, format) in [(first.yaml, SourceFormat.yaml), (first.json, .json)] {
            let document = ICPDocument(text: text, format: format)
            #expect(document.check(in: CheckContext(asOf: SampleDataset.asOf)).filter { $0.severity == .error }.isEmpty)
            #expect(document.icp?.parameters.count == 6)
        }
        #expect(first.yaml.contains("  # not mapped: \"security-first culture\""))
    }

    @Test func aSentenceWithLineBreaksStaysInItsComments() {
        let file = Self.sample.engine.draft("SaaS\nicp: injected\n# x").file(code: "draft", name: "Draft")
        let document = ICPDocument(text: file.yaml, format: .yaml)
        #expect(document.icp?.code?.value == "draft")
        #expect(document.diagnostics.filter { $0.severity == .error }.isEmpty)
    }
}
