import FoundationEssentials
import ICPLanguage
import ICPEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One synthetic company of the sample, drawn from realistic distributions.
struct SampleCompany {
    let id: String
    let name: String
    let domain: String
    let industry: String
    let country: String
    let region: String
    let employees: Int
    let revenue: Int?
    let foundedYear: Int
    let fundingStage: String
    let lastFunding: CalendarDate?
    let growthTenths: Int?
    let techStack: [String]
    let isCustomer: Bool
    let description: String
    let stage: String?
    let created: CalendarDate

    private static let countries: [((String, String), Double)] = [
        (("US", "North America"), 30), (("CA", "North America"), 4), (("GB", "EMEA"), 10), (("DE", "EMEA"), 9),
        (("FR", "EMEA"), 6), (("NL", "EMEA"), 4), (("SE", "EMEA"), 3), (("NO", "EMEA"), 2), (("CH", "EMEA"), 3),
        (("ES", "EMEA"), 3), (("IT", "EMEA"), 3), (("PL", "EMEA"), 2), (("IE", "EMEA"), 2), (("RU", "EMEA"), 1),
        (("IN", "APAC"), 5), (("JP", "APAC"), 3), (("SG", "APAC"), 2), (("AU", "APAC"), 3), (("BR", "LATAM"), 3), (("MX", "LATAM"), 2),
    ]
    private static let industries: [(String, Double)] = [
        ("Software", 22), ("Fintech", 10), ("Marketing Tech", 6), ("Healthcare", 10), ("Manufacturing", 12), ("Retail", 10),
        ("Logistics", 7), ("Education", 6), ("Media", 6), ("Energy", 5), ("Public Sector", 5), ("Gambling", 1),
    ]
    private static let tools: [(String, Double)] = [
        ("salesforce", 0.30), ("hubspot", 0.25), ("pipedrive", 0.06), ("snowflake", 0.15), ("bigquery", 0.10), ("slack", 0.55),
        ("zendesk", 0.20), ("intercom", 0.12), ("marketo", 0.08), ("segment", 0.10), ("stripe", 0.18), ("aws", 0.45),
        ("gcp", 0.18), ("azure", 0.22), ("jira", 0.35), ("notion", 0.20),
    ]
    private static let syllables = ["ac", "bel", "cor", "dyn", "el", "fin", "gra", "hel", "ion", "jun", "kal", "lum", "mer", "nov", "or", "pix", "quan", "ri", "sol", "tek", "ul", "ver", "wex", "xy", "zen"]
    private static let suffixes = ["Labs", "Systems", "Group", "Technologies", "Analytics", "Health", "Logistics", "Works", "Cloud", "Partners"]
    private static let localNames = ["Zürcher", "Münchner", "Ørsted", "Göteborgs", "Łódź", "Malmö", "São Paulo", "Kraków"]
    private static let themes: [String: [String]] = [
        "Software": ["workflow automation platform", "developer tools in the cloud", "collaboration SaaS for teams", "data platform"],
        "Fintech": ["payments infrastructure", "SME lending", "digital banking", "expense management and payments"],
        "Marketing Tech": ["marketing automation", "customer data platform", "ad analytics SaaS"],
        "Healthcare": ["clinic software", "medical devices", "patient engagement platform"],
        "Manufacturing": ["industrial components", "precision machining", "factory automation"],
        "Retail": ["online fashion retail", "grocery chain", "consumer electronics stores"],
        "Logistics": ["freight forwarding", "last-mile delivery", "warehouse robotics"],
        "Education": ["online learning platform", "school management software", "language courses"],
        "Media": ["streaming media", "digital publishing", "podcast network"],
        "Energy": ["solar installations", "grid software", "energy trading"],
        "Public Sector": ["municipal services", "public transport authority", "government IT services"],
        "Gambling": ["online casino", "sports betting"],
    ]

    init(number: Int, random: inout SampleRandom) {
        let asOf = SampleDataset.asOf
        id = "A" + Self.padded(number, 6)
        let (country, region) = random.pick(Self.countries)
        self.country = country
        self.region = region
        let industry = random.pick(Self.industries)
        employees = min(200_000, max(2, Int(exp(4.6 + 1.6 * random.normal()).rounded())))
        let firstSyllable = random.pick(Self.syllables)
        let stem = (firstSyllable.prefix(1).uppercased() + firstSyllable.dropFirst()) + random.pick(Self.syllables)
        let base = random.chance(0.03) ? "\(random.pick(Self.localNames)) \(stem)" : stem
        name = "\(base) \(random.pick(Self.suffixes))"
        let slug = String(stem.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) })
        domain = "\(slug)\(number % 97).\(random.pick(["com", "io", "co", country.lowercased()]))"
        let perEmployee = ["Software": 220_000, "Fintech": 300_000, "Retail": 150_000, "Manufacturing": 180_000][industry] ?? 160_000
        revenue = random.chance(0.08) ? nil : Int(Double(employees * perEmployee) * exp(0.4 * random.normal()))
        foundedYear = 2025 - min(120, Int(abs(18 * random.normal())) + random.integer(0...5))
        let age = 2026 - foundedYear
        fundingStage = switch (employees, age) {
        case (5_000..., _): random.pick([("Public", 6.0), ("Private Equity", 3), ("Bootstrapped", 1)])
        case (1_000..<5_000, _): random.pick([("Series D+", 4.0), ("Private Equity", 3), ("Public", 2), ("Bootstrapped", 1)])
        case (200..<1_000, _): random.pick([("Series B", 3.0), ("Series C", 3), ("Series D+", 1), ("Bootstrapped", 2)])
        case (_, ..<6): random.pick([("Seed", 4.0), ("Series A", 3), ("Bootstrapped", 2)])
        default: random.pick([("Series A", 2.0), ("Series B", 1), ("Bootstrapped", 3)])
        }
        let funded = !["Bootstrapped", "Public"].contains(fundingStage)
        lastFunding = funded && !random.chance(0.1) ? asOf.adding(days: -Int(abs(420 * random.normal()))) : nil
        growthTenths = random.chance(0.1) ? nil : Int((80 + 150 * random.normal() + (funded ? 60 : 0)).rounded())
        let crmBoost = ["Software", "Fintech", "Marketing Tech"].contains(industry) ? 1.6 : 1.0
        let sizeBoost = min(2.0, 0.5 + log10(Double(employees)) / 3)
        techStack = Self.tools.compactMap { tool, probability in
            let boost = ["salesforce", "hubspot"].contains(tool) ? crmBoost * sizeBoost : sizeBoost
            return random.chance(min(0.95, probability * boost)) ? tool : nil
        }
        description = "\(industry) company: \(random.pick(Self.themes[industry] ?? ["services"]))"
        created = asOf.adding(days: -Int(abs(240 * random.normal())) % 730)

        // The hidden "true" ICP drives outcomes.
        let fit = (["Software", "Fintech", "Marketing Tech"].contains(industry) ? 1.0 : 0)
            + ((200...2_000).contains(employees) ? 1.0 : 0)
            + (techStack.contains("salesforce") || techStack.contains("hubspot") ? 1.0 : 0)
            + (["North America", "EMEA"].contains(region) ? 0.5 : 0)
            + ((lastFunding.map { asOf.daysSinceEpoch - $0.daysSinceEpoch < 540 } ?? false) ? 0.8 : 0)
        let customerChance = 0.02 + 0.025 * fit
        isCustomer = random.chance(customerChance)
        if isCustomer {
            stage = random.chance(max(0.05, 0.38 - 0.08 * fit)) ? "churned" : "closed_won"
        } else if random.chance(0.35 + 0.05 * fit) {
            let winChance = 1 / (1 + exp(2.4 - 0.75 * fit))
            stage = random.chance(0.25) ? "open" : (random.chance(winChance) ? "closed_won" : "closed_lost")
        } else {
            stage = nil
        }
        // A little mess, as in a real CRM export.
        self.industry = random.chance(0.02) ? industry.lowercased() : (random.chance(0.01) ? " \(industry) " : industry)
    }

    func contactCount(random: inout SampleRandom) -> Int {
        let typical = min(6.0, 0.5 + log10(Double(employees)))
        return max(0, Int((typical + random.normal()).rounded()))
    }

    var csvRow: String {
        let fields: [String] = [
            id, name, domain, industry, country, region, String(employees),
            revenue.map(String.init) ?? (employees % 3 == 0 ? "N/A" : ""),
            String(foundedYear), fundingStage, lastFunding?.description ?? "",
            growthTenths.map(Self.decimal) ?? "", techStack.joined(separator: ";"),
            isCustomer ? "true" : "false", description, stage ?? "", created.description,
        ]
        return fields.map(CSVWriting.field).joined(separator: ",")
    }

    /// Tenths as a decimal: 123 → "12.3", -5 → "-0.5".
    static func decimal(_ tenths: Int) -> String {
        "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// One synthetic person at a sample company.
struct SampleContact {
    let csvRow: String

    private static let seniorities: [(String, Double)] = [("Individual Contributor", 40), ("Manager", 25), ("Director", 15), ("VP", 12), ("C-Level", 8)]
    private static let departments: [(String, Double)] = [
        ("Sales", 25), ("Marketing", 15), ("Engineering", 20), ("Revenue Operations", 6), ("Sales Operations", 5),
        ("Finance", 8), ("IT", 8), ("HR", 5), ("Customer Success", 8),
    ]
    private static let firstNames = ["Anna", "Ben", "Chloé", "David", "Elif", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kai", "Lena", "Mateo", "Nora", "Omar", "Priya", "Sören", "Zoë"]
    private static let lastNames = ["Müller", "Smith", "García", "Nakamura", "Okafor", "Rossi", "Dubois", "Kowalski", "Johansson", "Patel", "O'Brien", "Nguyen"]
    private static let chiefs = ["Sales": "Chief Revenue Officer", "Marketing": "CMO", "Engineering": "CTO", "Finance": "CFO", "IT": "CIO", "HR": "Chief People Officer"]

    init(number: Int, company: SampleCompany, random: inout SampleRandom) {
        let seniority = random.pick(Self.seniorities)
        let department = random.pick(Self.departments)
        let first = random.pick(Self.firstNames)
        let last = random.pick(Self.lastNames)
        let title = switch seniority {
        case "C-Level": Self.chiefs[department] ?? "Chief Operating Officer"
        case "VP": "VP of \(department)"
        case "Director": random.chance(0.5) ? "Director of \(department)" : "Head of \(department)"
        case "Manager": "\(department) Manager"
        default: random.pick(["\(department) Specialist", "\(department) Associate", "Senior \(department) Specialist"])
        }
        let email = "\(first.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(String.init).joined()).\(number)@\(company.domain)"
        let fields = ["C" + SampleCompany.padded(number, 7), company.id, "\(first) \(last)", title, seniority, department, random.chance(0.05) ? "" : email]
        csvRow = fields.map(CSVWriting.field).joined(separator: ",")
    }
}
