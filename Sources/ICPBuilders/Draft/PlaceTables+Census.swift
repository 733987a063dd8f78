import ICPLanguage
import ICPEngine
/// US Census Bureau regions and divisions (census.gov, "Census Regions and Divisions of the
/// United States"), and the coasts people name, as the state codes they cover. A region the
/// data does not hold as a value is read as its states on the state column (or inside a
/// location text), never silently as something else.
extension PlaceTables {
    private static let newEngland = ["CT", "ME", "MA", "NH", "RI", "VT"]
    private static let midAtlantic = ["NJ", "NY", "PA"]
    private static let eastNorthCentral = ["IL", "IN", "MI", "OH", "WI"]
    private static let westNorthCentral = ["IA", "KS", "MN", "MO", "NE", "ND", "SD"]
    private static let southAtlantic = ["DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV"]
    private static let eastSouthCentral = ["AL", "KY", "MS", "TN"]
    private static let westSouthCentral = ["AR", "LA", "OK", "TX"]
    private static let mountain = ["AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY"]
    private static let pacific = ["AK", "CA", "HI", "OR", "WA"]

    /// Names (keys) of US regions and the states they cover.
    static let usRegions: [(names: [String], states: [String])] = [
        (["northeast", "north east", "northeastern", "northeastern us"], newEngland + midAtlantic),
        (["new england"], newEngland),
        (["mid atlantic", "middle atlantic"], midAtlantic),
        (["midwest", "midwestern", "mid west", "middle west"], eastNorthCentral + westNorthCentral),
        (["east north central", "great lakes"], eastNorthCentral),
        (["west north central"], westNorthCentral),
        (["south", "southern us", "us south", "american south", "southern states", "southern"], southAtlantic + eastSouthCentral + westSouthCentral),
        (["south atlantic"], southAtlantic),
        (["east south central"], eastSouthCentral),
        (["west south central"], westSouthCentral),
        (["west", "western us", "western states", "us west"], mountain + pacific),
        (["mountain states", "mountain west", "mountain region"], mountain),
        (["pacific states"], pacific),
        (["west coast"], ["CA", "OR", "WA"]),
        (["east coast", "eastern seaboard"], ["ME", "NH", "MA", "RI", "CT", "NY", "NJ", "DE", "MD", "VA", "NC", "SC", "GA", "FL", "DC"]),
        (["pacific northwest", "pnw"], ["WA", "OR", "ID"]),
        (["southeast", "southeastern", "south east"], ["AL", "FL", "GA", "KY", "MS", "NC", "SC", "TN", "VA", "WV", "AR", "LA"]),
        (["southwest", "southwestern", "south west"], ["AZ", "NM", "OK", "TX"]),
        (["tri state area", "tristate area", "tri state"], ["NY", "NJ", "CT"]),
        (["sun belt", "sunbelt"], ["AL", "AZ", "FL", "GA", "LA", "MS", "NM", "NV", "SC", "TX", "CA", "NC", "TN", "OK", "AR"]),
        (["rust belt"], ["PA", "OH", "MI", "IN", "IL", "WI", "NY"]),
    ]

    /// The states of the US region a key names ("the Midwest", "midwest"). "South" and "West"
    /// alone name a region only after "the" ("the South"): alone they begin other names.
    static func usRegion(named key: String) -> [String]? {
        let name = key.hasPrefix("the ") ? String(key.dropFirst(4)) : key
        guard name != key || !["south", "west"].contains(name) else { return nil }
        return usRegions.first { $0.names.contains(name) }?.states
    }
}
