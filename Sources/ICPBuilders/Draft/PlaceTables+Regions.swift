import ICPLanguage
import ICPEngine
/// Regions as sets of ISO 3166-1 alpha-2 codes, and metropolitan areas as the city names a
/// dataset may hold, in tables of our own. A region the data holds as a value is matched as that
/// value; otherwise as the countries (or cities) it covers, written as the data writes them.
extension PlaceTables {
    /// Europe as sales territories draw it: Russia and Belarus are left out (they stay in EMEA).
    private static let europe = ["AD", "AL", "AT", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR", "GB",
                                 "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK",
                                 "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "SM", "UA", "VA"]
    private static let europeanUnion = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
                                        "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
    private static let middleEast = ["AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"]
    private static let africa = ["AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "EH", "ER", "ET", "GA",
                                 "GH", "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MU", "MW", "MZ", "NA",
                                 "NE", "NG", "RW", "SC", "SD", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG", "TN", "TZ", "UG", "ZA", "ZM", "ZW"]
    private static let southAmerica = ["AR", "BO", "BR", "CL", "CO", "EC", "GY", "PE", "PY", "SR", "UY", "VE"]
    private static let latinAmerica = southAmerica + ["BZ", "CR", "CU", "DO", "GT", "HN", "HT", "MX", "NI", "PA", "PR", "SV"]
    private static let asia = ["AF", "BD", "BN", "BT", "CN", "HK", "ID", "IN", "JP", "KG", "KH", "KP", "KR", "KZ", "LA", "LK", "MM", "MN",
                               "MO", "MV", "MY", "NP", "PH", "PK", "SG", "TH", "TJ", "TL", "TM", "TW", "UZ", "VN"]
    private static let asiaPacific = asia.filter { !["AF", "KG", "KZ", "TJ", "TM", "UZ"].contains($0) } + ["AU", "NZ", "FJ", "PG"]

    /// Names of regions (keys) and the countries they cover.
    static let regions: [(names: [String], countries: [String])] = [
        (["dach"], ["DE", "AT", "CH"]),
        (["benelux"], ["BE", "NL", "LU"]),
        (["nordics", "nordic", "nordic countries"], ["SE", "NO", "DK", "FI", "IS"]),
        // Scandinavia proper: Finland and Iceland are Nordic, not Scandinavian.
        (["scandinavia", "scandinavian", "scandinavians"], ["SE", "NO", "DK"]),
        (["north america", "north american", "namer", "na"], ["US", "CA"]),
        (["latam", "latin america", "latin american"], latinAmerica),
        (["south america", "south american"], southAmerica),
        (["emea"], europe + ["BY", "RU"] + middleEast.filter { !europe.contains($0) } + africa.filter { !middleEast.contains($0) }),
        (["europe", "european"], europe),
        (["eu", "european union"], europeanUnion),
        (["western europe"], ["AT", "BE", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IS", "IT", "LU", "NL", "NO", "PT", "SE"]),
        (["cee", "central and eastern europe", "eastern europe"], ["AL", "BA", "BG", "BY", "CZ", "EE", "HR", "HU", "LT", "LV", "MD", "ME",
                                                                   "MK", "PL", "RO", "RS", "SI", "SK", "UA"]),
        (["middle east"], middleEast),
        (["mena"], middleEast + ["DZ", "LY", "MA", "TN"]),
        (["gcc", "gulf"], ["AE", "BH", "KW", "OM", "QA", "SA"]),
        (["africa", "african"], africa),
        (["apac", "asia pacific", "asia pac"], asiaPacific),
        (["asia", "asian"], asia),
        (["southeast asia", "southeast asian", "south east asia", "sea"], ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"]),
        (["anz"], ["AU", "NZ"]),
        (["uk&i", "uki", "uk and ireland", "british isles"], ["GB", "IE"]),
        (["americas"], ["US", "CA"] + latinAmerica),
    ]

    /// Metropolitan areas and the city names a dataset may hold for them.
    static let metros: [(names: [String], cities: [String])] = [
        (["bay area", "sf bay area", "san francisco bay area", "silicon valley", "sf"],
         ["San Francisco", "San Jose", "Oakland", "Palo Alto", "Mountain View", "Menlo Park", "Redwood City", "Sunnyvale", "Santa Clara",
          "Berkeley", "San Mateo", "Cupertino", "South San Francisco", "Fremont", "Burlingame", "San Carlos", "Emeryville"]),
        (["nyc", "new york city", "new york", "manhattan", "big apple"], ["New York", "New York City", "NYC", "Brooklyn", "Manhattan"]),
        (["boston", "greater boston"], ["Boston", "Cambridge", "Somerville", "Waltham", "Burlington"]),
        (["los angeles", "la", "greater los angeles"], ["Los Angeles", "Santa Monica", "Pasadena", "Culver City", "Venice", "Irvine"]),
        (["seattle", "greater seattle"], ["Seattle", "Bellevue", "Redmond", "Kirkland"]),
        (["washington dc", "dc area", "dmv"], ["Washington", "Washington DC", "Arlington", "Reston", "Bethesda", "McLean"]),
        (["chicago", "chicagoland"], ["Chicago", "Evanston"]),
        (["austin"], ["Austin"]),
        (["denver", "front range"], ["Denver", "Boulder"]),
        (["research triangle", "raleigh durham"], ["Raleigh", "Durham", "Chapel Hill", "Cary"]),
        (["london", "greater london"], ["London"]),
        (["paris", "ile de france"], ["Paris"]),
        (["berlin"], ["Berlin"]),
        (["toronto", "gta"], ["Toronto", "Mississauga", "Waterloo"]),
    ]

    /// Every name of every country, region and state, for spelling tolerance.
    static let allNames: [String] = countries.flatMap(\.names) + regions.flatMap(\.names) + usStates.map(\.name) + canadianProvinces.map(\.name)
}
