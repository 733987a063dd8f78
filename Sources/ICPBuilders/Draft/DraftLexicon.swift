import ICPLanguage
import ICPEngine
/// The words `icp draft` and `icp refine` know before they look at the data: strength words,
/// size bands, places, stage and growth phrases and the usual names of industries. Every entry
/// still has to meet a column or value of the dataset to become a parameter
/// (Documentation/draft.md lists them all).
enum DraftLexicon {
    /// Words that carry no condition: they neither map nor count as unmapped.
    static let fillers: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "from", "by", "and", "or", "that", "which", "who",
        "whose", "are", "is", "be", "been", "being", "was", "were", "have", "has", "had", "having", "it", "its", "their",
        "they", "them", "we", "our", "us", "i", "my", "me", "you", "your", "this", "these", "those", "as", "any", "all",
        "some", "also", "both", "either", "companies", "company", "accounts", "account", "businesses", "business", "firms",
        "firm", "orgs", "organizations", "organisations", "organization", "organisation", "teams", "team", "customers",
        "customer", "ideal", "best", "target", "targeting", "sell", "selling", "focus", "focused", "located", "based",
        "headquartered", "hq", "using", "uses", "use", "used", "run", "runs", "running", "stack", "tech", "people", "like",
        "such", "very", "really", "ones", "one", "where", "whom", "there", "here", "do", "does", "should", "would", "will",
        "can", "could", "may", "might", "so", "then", "than", "into", "across", "within", "over", "per", "about", "around",
        "if", "when", "them", "icp", "profile", "profiles", "want", "wants", "looking", "look", "find", "go", "after",
        "industry", "industries", "sector", "sectors", "vertical", "verticals", "region", "regions", "country", "countries",
        "size", "sized", "stage", "based", "operating", "operate", "serving", "serve", "market", "markets", "space",
        "just", "already", "existing", "currently", "still", "mostly", "more", "most", "less", "least", "total", "anything", "everything", "anyone", "anybody", "whatever", "employers", "employer",
        "unicorns", "unicorn", "backed",
        "nonprofits", "nonprofit", "charities", "charity", "institutions", "institution", "entities", "entity", "organisations", "establishments",
    ]

    /// Nouns that name the kind of company a sentence is about: even when a category of the data
    /// is spelled so ("Startups"), the head noun of a sentence is not a filter on it.
    static let headNouns: Set<String> = ["startups", "startup", "scaleups", "scaleup", "vendors", "vendor", "providers", "provider",
                                         "brands", "brand", "players", "leads", "prospects", "logos", "clients", "client"]

    /// Fillers that may not end a quoted unmapped phrase ("competitor accounts" keeps its noun).
    static let glue: Set<String> = ["a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "from", "by", "and", "or", "that", "which",
                                    "who", "are", "is", "be", "using", "uses", "use", "based", "located", "have", "has", "their", "our"]

    /// Words that end a clause: what follows starts afresh in filter mode.
    static let clauseBreaks: Set<String> = ["but", "while", "whereas", "although", "though", "however"]

    /// Strength words and the mode (and, for scores, the weight) they give the words after them
    /// in their clause, or the words before them when nothing follows.
    static let strengths: [([String], ParameterMode, Double?)] = [
        (["has", "to", "be"], .filter, nil), (["have", "to", "be"], .filter, nil), (["must", "be"], .filter, nil),
        (["must"], .filter, nil), (["only"], .filter, nil), (["required"], .filter, nil), (["requires"], .filter, nil),
        (["need", "to", "be"], .filter, nil), (["needs"], .filter, nil), (["need"], .filter, nil), (["strictly"], .filter, nil),
        (["a", "must"], .filter, nil), (["always"], .filter, nil),
        (["strongly", "prefer"], .score, 3), (["primarily"], .score, 3), (["especially"], .score, 3), (["above", "all"], .score, 3),
        (["ideally"], .score, 2), (["preferably"], .score, 2), (["preferred"], .score, 2), (["prefer"], .score, 2),
        (["prefers"], .score, 2), (["favor"], .score, 2), (["favour"], .score, 2), (["ideal", "if"], .score, 2),
        (["nice", "to", "have"], .score, 1), (["would", "be", "nice"], .score, 1), (["a", "plus"], .score, 1),
        (["is", "a", "plus"], .score, 1), (["bonus", "if"], .score, 1), (["bonus", "for"], .score, 1), (["bonus"], .score, 1),
        (["boost"], .score, 1), (["extra", "points"], .score, 1), (["optionally"], .score, 1),
    ]

    /// Words that make what follows in their clause an exclude.
    static let negations: [[String]] = [
        ["other", "than"], ["but", "not"], ["outside", "of"], ["outside"], ["apart", "from"], ["aside", "from"], ["not", "in"], ["not", "based", "in"],
        ["not", "located", "in"], ["ex"], ["excl"], ["leaving", "out"], ["leave", "out"], ["rule", "out"], ["ruling", "out"], ["barring"], ["everything", "but"], ["anything", "but"], ["all", "but"], ["excluding"], ["exclude"], ["excludes"], ["except"], ["not"], ["no"], ["non"],
        ["without"], ["never"], ["nor"], ["avoid"], ["isn't"], ["aren't"], ["don't"], ["doesn't"], ["minus"], ["neither"],
    ]

    /// Size bands on the employee column (Documentation/draft.md, Sizes): inclusive bounds.
    static let sizeBands: [([String], Double?, Double?)] = [
        (["smb"], nil, 99), (["smbs"], nil, 99), (["small", "businesses"], nil, 99), (["small", "business"], nil, 99),
        (["small", "companies"], nil, 99), (["mid", "market"], 100, 999), (["midmarket"], 100, 999),
        (["mid", "size"], 100, 999), (["midsize"], 100, 999), (["mid", "sized"], 100, 999), (["medium", "sized"], 100, 999),
        (["large", "enterprises"], 1000, nil), (["large", "enterprise"], 1000, nil), (["enterprises"], 1000, nil),
        (["enterprise"], 1000, nil), (["large", "companies"], 1000, nil),
    ] + sizedNouns

    /// "large employers", "small firms", "mid-sized organisations".
    private static let sizedNouns: [([String], Double?, Double?)] = {
        var bands: [([String], Double?, Double?)] = []
        for noun in ["employers", "firms", "organizations", "organisations", "businesses", "corporations"] {
            bands.append((["large", noun], 1000, nil))
            bands.append((["small", noun], nil, 99))
            bands.append((["mid", "sized", noun], 100, 999))
            bands.append((["midsize", noun], 100, 999))
            bands.append((["medium", "sized", noun], 100, 999))
        }
        return bands
    }()

    /// Growth phrases and the least growth (in percent) each asks of the growth column.
    static let growth: [([String], Double)] = [
        (["hiring", "fast"], 20), (["growing", "fast"], 20), (["fast", "growing"], 20), (["high", "growth"], 20),
        (["hyper", "growth"], 20), (["hypergrowth"], 20), (["rapidly", "growing"], 20), (["rapid", "growth"], 20),
        (["scaling", "fast"], 20), (["scaling", "quickly"], 20), (["growing", "quickly"], 20),
        (["growing"], 10), (["hiring"], 10),
    ]

    /// Phrases that ask for a funding event in the last year.
    static let recentFunding: [[String]] = [
        ["recently", "funded"], ["recently", "raised"], ["recent", "funding"], ["freshly", "funded"], ["just", "raised"],
        ["newly", "funded"], ["recent", "round"],
    ]

    /// Funding stages by name: which series letters (a = 1) they cover, and whether seed and
    /// pre-seed count.
    static let stageSets: [([String], ClosedRange<Int>, Bool)] = [
        (["growth", "stage"], 2...4, false), (["early", "stage"], 1...1, true), (["late", "stage"], 4...26, false),
        (["venture", "backed"], 1...26, true), (["vc", "backed"], 1...26, true),
    ]

    /// Words naming a column's role, to find the column a number, a phrase or a refinement means.
    enum Role: String, CaseIterable, Sendable {
        case size, revenue, funding, country, region, state, city, location, industry, tech, stage, fundingDate, growth, founded
    }

    static let roleWords: [Role: Set<String>] = [
        .size: ["employees", "employee", "headcount", "staff", "fte", "ftes", "people", "workers", "persons", "size", "employee_count", "seats"],
        .revenue: ["revenue", "revenues", "arr", "sales", "turnover", "income"],
        .funding: ["funding", "funded", "raised", "raise", "money", "capital", "investment", "investments", "financing"],
        .state: ["state", "states", "province", "provinces"],
        .city: ["city", "cities", "town", "locality", "metro"],
        .location: ["location", "address", "headquarters", "hq", "located"],
        .country: ["country", "countries", "nation", "hq", "geo", "geography", "location", "place", "places", "where"],
        .region: ["region", "regions", "geo", "geography", "territory", "continent", "location", "place", "places", "area"],
        .industry: ["industry", "industries", "sector", "sectors", "vertical", "verticals", "category", "segment"],
        .tech: ["tech", "stack", "technology", "technologies", "tools", "tool", "tooling", "software", "integrations", "crm"],
        .stage: ["stage", "round", "series", "funding", "maturity"],
        .fundingDate: ["funding", "funded", "raised", "raise", "round", "financing", "investment"],
        .growth: ["growth", "growing", "hiring"],
        .founded: ["founded", "founding", "established", "age", "incorporated", "inception"],
    ]

    /// Whether a word names a measure or a unit (revenue, employees, million): never a value.
    static func isMeasureWord(_ word: String) -> Bool {
        sizeUnits.contains(word) || moneyUnits.contains(word) || roleWords.contains { [.size, .revenue, .funding, .growth, .founded].contains($0.key) && $0.value.contains(word) }
    }

    /// Words after a number that say it counts people or money.
    static let sizeUnits: Set<String> = ["employees", "employee", "people", "staff", "headcount", "fte", "ftes", "workers", "persons", "seats", "heads"]
    static let moneyUnits: Set<String> = ["revenue", "revenues", "arr", "sales", "turnover", "usd", "dollars", "eur", "euros", "gbp", "million", "billion"]
    /// Currencies written after an amount: "100 million dollars or more".
    static let currencyWords: Set<String> = ["dollars", "usd", "euros", "eur", "pounds", "gbp"]

    /// Usual names of categories and the values a dataset may spell them as, tried in order.
    static let synonyms: [String: [String]] = [
        "saas": ["saas", "software", "b2b saas", "computer software"], "b2b saas": ["software", "saas", "b2b saas", "computer software"], "software": ["software", "saas", "computer software", "technology"],
        "software companies": ["software"], "tech companies": ["software", "technology", "information technology"],
        "tech": ["technology", "information technology", "tech"],
        "fintech": ["fintech", "financial services", "finance"], "fintechs": ["fintech"],
        "financial services": ["financial services", "fintech", "finance"], "payments": ["fintech", "payments"],
        "banking": ["banking", "fintech", "financial services"], "financial technology": ["fintech"],
        "martech": ["marketing tech", "martech", "marketing technology"], "marketing technology": ["marketing tech", "martech"],
        "advertising": ["advertising", "marketing and advertising", "advertising and marketing", "marketing tech"],
        "adtech": ["marketing tech", "adtech", "advertising"], "marketing": ["marketing tech", "marketing", "marketing and advertising", "advertising and marketing"],
        "healthtech": ["healthcare", "health tech", "health care"], "health": ["healthcare", "health", "health care"],
        "health care": ["healthcare", "health care", "hospital and health care", "hospital health care", "health"],
        "healthcare": ["healthcare", "health care", "hospital and health care", "hospital health care", "health"],
        "medtech": ["healthcare", "medical devices"], "life sciences": ["healthcare", "life sciences"],
        "hospitals": ["hospitals", "hospital and health care", "hospital health care", "healthcare"],
        "government": ["public sector", "government", "government services", "government administration"],
        "gov": ["public sector", "government", "government services"], "govtech": ["public sector", "government", "government services"],
        "public": ["public", "public sector"], "edtech": ["education", "edtech"], "schools": ["education"], "universities": ["education"],
        "ecommerce": ["retail", "ecommerce", "e-commerce"], "e commerce": ["retail", "ecommerce", "e-commerce"], "retailers": ["retail"],
        "security": ["cybersecurity", "security", "information security"], "cybersecurity": ["cybersecurity", "security"],
        "cyber": ["cybersecurity", "security"], "infosec": ["cybersecurity", "security", "information security"],
        "supply chain": ["logistics", "supply chain", "logistics and supply chain"], "shipping": ["logistics", "logistics and supply chain"],
        "transportation": ["transportation", "logistics", "logistics and transportation"],
        "logistics": ["logistics", "logistics and supply chain", "logistics and transportation", "transportation"],
        "publishing": ["media", "publishing"], "utilities": ["energy", "utilities"], "cleantech": ["energy", "cleantech"],
        "gaming": ["gaming", "video games", "games", "computer games"], "video games": ["video games", "gaming", "games", "computer games"],
        "games": ["games", "gaming", "video games", "computer games"],
        "gambling": ["gambling", "gambling casinos", "gambling and casinos", "betting"], "betting": ["gambling", "betting", "gambling casinos"],
        "igaming": ["gambling", "gaming"], "casinos": ["gambling", "gambling casinos", "gambling and casinos"],
        "staffing": ["staffing", "staffing and recruiting"], "recruiting": ["recruiting", "staffing and recruiting"],
        "food and beverage": ["food and beverage", "food and beverages"], "business services": ["business services", "business products and services"],
        "biotech": ["biotechnology", "biotech"], "biotechnology": ["biotechnology", "biotech"], "pharma": ["pharmaceuticals", "pharmaceutical", "pharma"],
        "pharmaceuticals": ["pharmaceuticals", "pharmaceutical", "pharma"], "medical devices": ["medical devices", "medical device"],
        "ai": ["artificial intelligence", "ai", "machine learning"], "artificial intelligence": ["artificial intelligence", "ai"],
        "machine learning": ["machine learning", "artificial intelligence"], "ml": ["machine learning"],
        "enterprise software": ["enterprise software", "software"], "computer software": ["computer software", "software"],
        "it services": ["information technology and services", "it services", "it consulting"],
        "proptech": ["real estate", "proptech"], "insurtech": ["insurance", "insurtech"], "insurance": ["insurance"],
        "e learning": ["e-learning", "education"], "clean energy": ["clean energy", "renewable energy", "energy"],
        "renewables": ["renewable energy", "clean energy", "energy"], "hr tech": ["human resources", "hr tech"],
        "legaltech": ["legal", "legal tech"], "telecom": ["telecommunications", "telecom"], "telco": ["telecommunications", "telecom"],
        "semiconductors": ["semiconductors", "semiconductor"], "chips": ["semiconductors", "semiconductor"],
        "crypto": ["cryptocurrency", "blockchain", "crypto"], "blockchain": ["blockchain", "cryptocurrency"], "web3": ["blockchain", "cryptocurrency"],
        "analytics": ["analytics", "big data"], "big data": ["big data", "analytics"], "food": ["food and beverage", "food & beverages", "food"],
        "restaurants": ["restaurants", "food and beverage"], "travel": ["travel", "travel & tourism", "hospitality"], "hospitality": ["hospitality", "travel"],
        "automotive": ["automotive"], "cars": ["automotive"], "real estate": ["real estate"], "construction": ["construction"],
        "consumer goods": ["consumer goods", "consumer products"], "cpg": ["consumer goods", "consumer products"],
        "devtools": ["developer tools", "software"], "developer tools": ["developer tools", "software"],
        "manufacturers": ["manufacturing"], "industrial": ["manufacturing", "industrial"], "factories": ["manufacturing"],
        "sfdc": ["salesforce"], "amazon web services": ["aws"], "google cloud": ["gcp", "google cloud"], "microsoft azure": ["azure"],
        "hub spot": ["hubspot"], "big query": ["bigquery"],
    ]

    /// Words that, before a time window or alone, point at a date column by its name.
    static let timeUnits: [String: Double] = [
        "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 365.0 / 12, "months": 365.0 / 12, "year": 365, "years": 365,
        "quarter": 365.0 / 4, "quarters": 365.0 / 4,
    ]
}
