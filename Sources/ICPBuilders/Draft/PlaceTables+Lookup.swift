import ICPLanguage
import ICPEngine
/// Lookups over the place tables: a key to the countries, states or cities it names.
extension PlaceTables {
    /// Every key a country is written as (alpha-2 and alpha-3 codes lowercased, names) → its index.
    static let countryByKey: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, country) in countries.enumerated() {
            for key in [country.alpha2.lowercased(), country.alpha3.lowercased()] + country.names + (demonyms[country.alpha2] ?? []) where index[key] == nil {
                index[key] = position
            }
        }
        return index
    }()

    /// Keys of US states and Canadian provinces (codes lowercased, names) → the code.
    static let stateByKey: [String: String] = {
        var index: [String: String] = [:]
        for (code, name) in usStates + canadianProvinces {
            index[code.lowercased()] = index[code.lowercased()] ?? code
            index[name] = code
        }
        for (code, names) in stateAliases {
            for name in names { index[name] = code }
        }
        return index
    }()

    /// Other names a state goes by in data: `Washington, D.C.` for the District of Columbia.
    static let stateAliases: [String: [String]] = [
        "DC": ["washington dc", "washington d c", "washington district of columbia"],
    ]

    /// The countries a key names: one country by a name or (written in capitals) a code, or the
    /// members of a region. Nil when the key names none.
    static func countries(named key: String, capitalized: Bool) -> (codes: [String], isRegion: Bool)? {
        if let position = countryByKey[key] {
            let country = countries[position]
            let isCode = key == country.alpha2.lowercased() || key == country.alpha3.lowercased()
            // A code is a code only in capitals: "in", "are", "can" are words; "IN", "ARE", "CAN" codes.
            if !isCode || capitalized || country.names.contains(key) { return ([country.alpha2], false) }
        }
        if let region = regions.first(where: { $0.names.contains(key) }), key.count > 2 || capitalized {
            return (region.countries, true)
        }
        return nil
    }

    /// Every way a country may be written in a dataset: alpha-2, alpha-3 (lowercase keys) and names.
    static func keys(ofCountry alpha2: String) -> [String] {
        guard let country = countries.first(where: { $0.alpha2 == alpha2 }) else { return [] }
        return [country.alpha2.lowercased(), country.alpha3.lowercased()] + country.names
    }

    /// The state or province a key names (a code only in capitals).
    static func state(named key: String, capitalized: Bool) -> String? {
        guard let code = stateByKey[key] else { return nil }
        return key.count == 2 && !capitalized ? nil : code
    }

    /// Every way a state may be written: its code (lowercase key) and name.
    static func keys(ofState code: String) -> [String] {
        [code.lowercased()] + (usStates + canadianProvinces).filter { $0.code == code }.map(\.name) + (stateAliases[code] ?? [])
    }

    /// The cities of the metropolitan area a key names.
    static func metroCities(named key: String) -> [String]? {
        metros.first { $0.names.contains(key) }?.cities
    }
}
