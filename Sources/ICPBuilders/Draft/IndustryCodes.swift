/// The standard industry classifications a code column may hold, and which codes of each an
/// everyday industry word means: "retailers" on a `NAICS` column is 44 and 45, on a SIC column
/// 52 to 59; "arts nonprofits" on an `NTEE_CD` column every code of major group A.
///
/// The codes are facts of the public standards (the US Census Bureau's NAICS sectors, the SIC
/// divisions and major groups of the 1987 manual, the NCCS's NTEE major groups), written here
/// as our own table. A word maps onto the codes of the column the data has, by prefix: the
/// column's codes that begin with a listed code, or, where the column is coarser than the
/// word (a 2-digit sector column for "hospitals", 622), the sector holding it, said as a question.
enum IndustryTaxonomy: String, Sendable {
    case naics = "NAICS", sic = "SIC", ntee = "NTEE"
    /// The paragraph of US Internal Revenue Code section 501(c) an exempt organization is
    /// recognized under (the IRS's `SUBSECTION`: `03` for 501(c)(3)).
    case exemption = "501(c)"

    /// The classification a column holds, by a word of its name (`NAICS`, `sic_code`, `NTEE_CD`).
    static func of(nameWords words: [String]) -> IndustryTaxonomy? {
        if words.contains("naics") { return .naics }
        if words.contains("sic") { return .sic }
        if words.contains("ntee") { return .ntee }
        if words.contains("subsection") || words.contains("501c") { return .exemption }
        return nil
    }

    /// Whether a value looks like a code of this classification: digits for NAICS and SIC, a
    /// letter and digits for NTEE (`A20`, `B40Z`).
    func looksLikeCode(_ value: String) -> Bool {
        guard let first = value.first, value.count >= 2, value.count <= 6 else { return false }
        switch self {
        case .naics: return value.allSatisfy(\.isNumber)
        // The US SIC of 1987 has four digits at most; five are the UK's SIC 2007, whose codes
        // mean other things (62020 is IT consultancy there): not read as this one.
        case .sic: return value.count <= 4 && value.allSatisfy(\.isNumber)
        case .exemption: return value.count == 2 && value.allSatisfy(\.isNumber)
        case .ntee: return first.isLetter && first.isUppercase && value.dropFirst().allSatisfy { $0.isNumber || $0.isUppercase }
        }
    }
}

/// An industry as people name it and its codes in each classification.
struct IndustryConcept: Sendable {
    /// What the report calls it: "retail trade".
    let name: String
    /// The ways a sentence writes it, as loose words (``DraftVocabulary/looseWords(_:)``, `&` as `and`).
    let phrases: [[String]]
    let naics: [String]
    let sic: [String]
    let ntee: [String]
    /// 501(c) paragraphs, two digits: where the legal form is the industry (labor unions are 501(c)(5)).
    var exemption: [String] = []

    func codes(in taxonomy: IndustryTaxonomy) -> [String] {
        switch taxonomy {
        case .naics: naics
        case .sic: sic
        case .ntee: ntee
        case .exemption: exemption
        }
    }

    /// The column's codes this industry holds: those that begin with one of its codes; when
    /// none does, the coarser codes of the column that begin one of them (`62` for `622`), with
    /// `isBroader`.
    func matching(_ values: [String], in taxonomy: IndustryTaxonomy) -> (values: [String], isBroader: Bool)? {
        let wanted = codes(in: taxonomy)
        guard !wanted.isEmpty else { return nil }
        let narrower = values.filter { value in wanted.contains { value.hasPrefix($0) } }
        if !narrower.isEmpty { return (narrower, false) }
        let broader = values.filter { value in wanted.contains { $0.count > value.count && $0.hasPrefix(value) } }
        return broader.isEmpty ? nil : (broader, true)
    }
}

extension IndustryConcept {
    private static func range(_ from: Int, _ to: Int) -> [String] {
        (from...to).map { $0 < 10 ? "0\($0)" : "\($0)" }
    }

    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map { DraftVocabulary.looseSpelling(String($0)) }
    }

    private static func concept(_ name: String, _ phrases: [String], naics: [String] = [], sic: [String] = [], ntee: [String] = [],
                                exemption: [String] = []) -> IndustryConcept {
        IndustryConcept(name: name, phrases: phrases.map(words), naics: naics, sic: sic, ntee: ntee, exemption: exemption)
    }

    /// The industries, broad sectors first and narrower trades after; a phrase belongs to one.
    static let all: [IndustryConcept] = [
        concept("agriculture", ["agriculture", "agricultural", "farming", "farms", "agribusiness", "forestry", "fishing"],
                naics: ["11"], sic: range(1, 9), ntee: ["K"]),
        concept("mining", ["mining", "miners", "quarrying", "mining companies"], naics: ["212", "213"], sic: ["10", "12", "14"]),
        concept("oil and gas", ["oil and gas", "oil", "petroleum", "oil and gas producers"], naics: ["211", "213111", "213112", "324"], sic: ["13", "29"]),
        concept("utilities", ["utilities", "utility", "utility companies"], naics: ["22"], sic: ["49"]),
        concept("electric utilities", ["electric utilities", "electric utility", "power companies", "electricity"], naics: ["2211"], sic: ["491", "493"]),
        concept("construction", ["construction", "builders", "contractors", "homebuilders", "construction companies"], naics: ["23"], sic: range(15, 17)),
        concept("manufacturing", ["manufacturing", "manufacturers", "factories", "industrial", "industrials"], naics: ["31", "32", "33"], sic: range(20, 39)),
        concept("pharmaceuticals", ["pharma", "pharmaceuticals", "pharmaceutical", "drug makers", "drugmakers"], naics: ["3254"], sic: ["283"]),
        concept("semiconductors", ["semiconductors", "semiconductor", "chip makers", "chipmakers"], naics: ["3344"], sic: ["3674"]),
        concept("automotive", ["automotive", "automakers", "car makers", "carmakers"], naics: ["3361", "3362", "3363"], sic: ["371"]),
        concept("wholesale trade", ["wholesale", "wholesalers", "wholesale distributors", "distributors", "wholesale trade"], naics: ["42"], sic: ["50", "51"]),
        concept("retail trade", ["retail", "retailers", "retailing", "stores", "shops", "retail trade"], naics: ["44", "45"], sic: range(52, 59)),
        concept("restaurants", ["restaurants", "restaurant", "food service", "eateries"], naics: ["722"], sic: ["58"]),
        concept("hotels", ["hotels", "hotel", "motels", "lodging", "accommodation"], naics: ["721"], sic: ["70"]),
        concept("accommodation and food services", ["hospitality", "hotels and restaurants", "accommodation and food services"], naics: ["72"], sic: ["58", "70"]),
        concept("transportation and warehousing", ["transportation", "transport", "logistics", "shipping", "freight", "warehousing",
                                                   "transportation and warehousing", "transportation and logistics"], naics: ["48", "49"], sic: range(40, 47)),
        concept("trucking", ["trucking", "truckers", "trucking companies"], naics: ["484"], sic: ["421"]),
        concept("airlines", ["airlines", "airline", "air carriers"], naics: ["481"], sic: ["45"]),
        concept("media", ["media", "publishing", "publishers", "broadcasting", "broadcasters", "media companies"], naics: ["511", "512", "513", "515", "516", "519"], sic: ["27", "483", "484"]),
        concept("telecommunications", ["telecom", "telecoms", "telecommunications", "telcos", "telco", "wireless carriers"], naics: ["517"], sic: ["48"]),
        concept("software", ["software", "saas", "software companies", "software publishers"], naics: ["5112", "5132", "5182"], sic: ["7372"]),
        concept("information technology", ["tech", "technology", "it", "information technology", "tech companies", "technology companies"],
                naics: ["5112", "5132", "518", "5415", "334"], sic: ["737", "357", "367"], ntee: ["U"]),
        concept("IT services", ["it services", "it consulting", "it consultancies", "it consultancy", "tech consulting", "technology consulting",
                                "tech consultancies", "computer services", "it consulting firms", "tech consulting firms"], naics: ["5415"], sic: ["737"]),
        concept("finance and insurance", ["finance", "financial", "financial services", "finance and insurance", "financials", "financial firms"],
                naics: ["52"], sic: ["60", "61", "62", "63", "64", "67"]),
        concept("banks", ["banks", "bank", "banking", "commercial banks"], naics: ["5221"], sic: ["60"]),
        concept("insurance", ["insurance", "insurers", "insurance companies", "insurance carriers"], naics: ["524"], sic: ["63", "64"]),
        concept("investment firms", ["asset management", "asset managers", "investment firms", "private equity", "venture capital", "hedge funds"],
                naics: ["523"], sic: ["62", "67"]),
        concept("holding companies", ["holding companies", "holding company", "holdings"], naics: ["551"], sic: ["67"]),
        concept("real estate", ["real estate", "property", "properties", "realtors", "real estate agents", "real estate agencies", "property companies"],
                naics: ["531"], sic: ["65"]),
        concept("professional services", ["professional services", "consulting", "consultancies", "consultancy", "consultants", "consulting firms"], naics: ["54"], sic: ["87", "81", "73"]),
        concept("legal services", ["law firms", "law firm", "legal", "legal services", "lawyers", "attorneys"], naics: ["5411"], sic: ["81"], ntee: ["I"]),
        concept("accounting", ["accounting firms", "accountants", "accounting", "audit firms"], naics: ["5412"], sic: ["872"]),
        concept("advertising", ["advertising", "advertising agencies", "ad agencies", "marketing agencies"], naics: ["5418"], sic: ["731"]),
        concept("management consulting", ["management consulting", "management consultancies", "management consultants", "strategy consulting"],
                naics: ["5416"], sic: ["8742"]),
        concept("engineering services", ["engineering firms", "engineering services"], naics: ["5413"], sic: ["871"]),
        concept("staffing", ["staffing", "recruiting", "recruitment agencies", "staffing agencies", "employment agencies", "recruiters"], naics: ["5613"], sic: ["736"], ntee: ["J"]),
        concept("education", ["education", "educational", "schools", "educational services", "education providers"], naics: ["61"], sic: ["82"], ntee: ["B"]),
        concept("colleges and universities", ["universities", "university", "colleges", "colleges and universities", "higher education", "higher ed"],
                naics: ["6113"], sic: ["822"], ntee: ["B4"]),
        concept("health care", ["healthcare", "health care", "health", "medical", "health care providers", "healthcare providers"],
                naics: ["62"], sic: ["80"], ntee: ["E"]),
        concept("hospitals", ["hospitals", "hospital", "health systems"], naics: ["622"], sic: ["806"], ntee: ["E2"]),
        concept("mental health", ["mental health", "crisis intervention"], naics: ["6222", "62142"], sic: ["8063"], ntee: ["F"]),
        concept("human services", ["human services", "social services", "social assistance"], naics: ["624"], sic: ["83"], ntee: ["P"]),
        concept("arts and culture", ["arts", "arts and culture", "arts and entertainment", "cultural", "museums"], naics: ["71"], sic: ["79", "84"], ntee: ["A"]),
        concept("sports and recreation", ["sports", "sport", "recreation", "recreational", "sports and recreation"], naics: ["7112", "7139"], sic: ["794", "799"], ntee: ["N"]),
        concept("youth development", ["youth", "youth development", "youth organizations"], ntee: ["O"]),
        concept("religion", ["religious", "religion", "churches", "church", "faith based", "religious organizations"], naics: ["8131"], sic: ["866"], ntee: ["X"]),
        concept("environment", ["environmental", "environment", "conservation", "environmental groups"], ntee: ["C"]),
        concept("animal welfare", ["animal", "animals", "animal welfare", "animal related", "animal rescue"], ntee: ["D"]),
        concept("food banks", ["food banks", "food bank", "food pantries", "food pantry"], naics: ["62421"], ntee: ["K31"]),
        concept("housing", ["housing", "shelters", "homeless shelters", "affordable housing"], ntee: ["L"]),
        concept("civil rights and advocacy", ["civil rights", "advocacy", "advocacy groups"], ntee: ["R"]),
        concept("community improvement", ["community development", "community improvement"], ntee: ["S"]),
        concept("philanthropy", ["philanthropy", "philanthropic", "grantmaking", "grantmakers"], ntee: ["T"]),
        concept("labor unions", ["labor unions", "labor union", "unions", "trade unions", "labor organizations"], naics: ["81393"], sic: ["863"], ntee: ["J40"],
                exemption: ["05"]),
        concept("business associations", ["trade associations", "trade association", "chambers of commerce", "chamber of commerce",
                                          "business leagues", "industry associations", "trade associations and chambers of commerce"],
                naics: ["81391"], sic: ["861"], ntee: ["S41"], exemption: ["06"]),
        concept("veterans organizations", ["veterans", "veterans organizations", "veterans groups"], ntee: ["W30"], exemption: ["19"]),
        concept("charities", ["charities", "charity", "charitable organizations", "public charities"], exemption: ["03"]),
        concept("social welfare organizations", ["social welfare organizations", "social welfare groups", "civic leagues"], exemption: ["04"]),
        concept("social clubs", ["social clubs", "social club", "country clubs"], exemption: ["07"]),
        concept("fraternal societies", ["fraternal societies", "fraternal organizations", "fraternal orders", "fraternities"], exemption: ["08", "10"]),
        concept("public administration", ["government", "public administration", "public sector", "government agencies"], naics: ["92"], sic: range(91, 97)),
    ]

    /// Every phrase with its concept, longest first.
    static let phrases: [(words: [String], concept: IndustryConcept)] = all.flatMap { concept in
        concept.phrases.map { ($0, concept) }
    }.sorted { $0.words.count > $1.words.count }
}
