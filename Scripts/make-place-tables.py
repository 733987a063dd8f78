"""Writes Sources/ICPCore/Draft/PlaceTables.swift: ISO 3166-1 countries (alpha-2, alpha-3,
English names) and ISO 3166-2 states of the US and provinces of Canada, as the `pycountry`
package holds them, with the aliases people write (UK, Holland, USA, demonyms). Facts, in a
table of our own; regions and metros are written by hand in PlaceTables+Regions.swift.

    pip install pycountry && python3 Scripts/make-place-tables.py
"""
import pathlib
import pycountry, re, unicodedata
def key(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    out = re.sub(r"[^a-z0-9&+ ]+", " ", s.replace("-", " "))
    return re.sub(r" +", " ", out).strip()
extra = {
 "US": ["united states", "united states of america", "usa", "us", "u s", "u s a", "america", "american", "us based"],
 "GB": ["united kingdom", "uk", "u k", "britain", "great britain", "british", "england", "scotland", "wales", "northern ireland", "uk based"],
 "DE": ["german"], "AT": ["austrian"], "CH": ["swiss"], "FR": ["french"], "NL": ["the netherlands", "dutch", "holland"],
 "BE": ["belgian"], "SE": ["swedish"], "NO": ["norwegian"], "DK": ["danish"], "FI": ["finnish"], "ES": ["spanish"],
 "PT": ["portuguese"], "IT": ["italian"], "PL": ["polish"], "IE": ["irish"], "RU": ["russian"], "IN": ["indian"],
 "JP": ["japanese"], "AU": ["australian"], "BR": ["brazilian"], "CN": ["chinese", "prc", "mainland china"], "IL": ["israeli"],
 "AE": ["uae", "emirates"], "KR": ["south korea", "korea", "korean"], "CZ": ["czech republic", "czech"], "CA": ["canadian"],
 "MX": ["mexican"], "TW": ["taiwan"], "VN": ["vietnam"], "RU2": [], "IR": ["iran"], "SY": ["syria"], "TZ": ["tanzania"],
 "BO": ["bolivia"], "VE": ["venezuela"], "MD": ["moldova"], "LA": ["laos"], "KP": ["north korea"], "BN": ["brunei"],
 "CD": ["dr congo", "drc", "democratic republic of the congo"], "CG": ["republic of the congo"], "CI": ["ivory coast"],
 "TR": ["turkey", "turkiye"], "HK": ["hong kong"], "MO": ["macau", "macao"], "PS": ["palestine"], "VA": ["vatican"],
 "SG": ["singaporean"], "NZ": ["new zealander"], "ZA": ["south african"], "AR": ["argentine", "argentinian"], "CL": ["chilean"],
 "CO": ["colombian"], "EG": ["egyptian"], "NG": ["nigerian"], "KE": ["kenyan"], "SA": ["saudi", "saudi arabia"], "GR": ["greek"],
 "HU": ["hungarian"], "RO": ["romanian"], "UA": ["ukrainian"], "EE": ["estonian"], "LV": ["latvian"], "LT": ["lithuanian"],
 "ID": ["indonesian"], "MY": ["malaysian"], "PH": ["philippine", "filipino"], "TH": ["thai"], "PK": ["pakistani"],
 "MK": ["north macedonia", "macedonia"], "CV": ["cape verde"], "SZ": ["swaziland", "eswatini"], "FM": ["micronesia"],
}
rows = []
for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
    names = []
    for attr in ("name", "common_name", "official_name"):
        v = getattr(c, attr, None)
        if v:
            k = key(v)
            if k not in names: names.append(k)
    for alias in extra.get(c.alpha_2, []):
        k = key(alias)
        if k not in names: names.append(k)
    rows.append((c.alpha_2, c.alpha_3, names))
lines = []
for a2, a3, names in rows:
    lines.append('        Country(alpha2: "%s", alpha3: "%s", names: [%s]),' % (a2, a3, ", ".join('"%s"' % n for n in names)))
states = sorted((s.code.split("-")[1], s.name) for s in pycountry.subdivisions.get(country_code="US") if s.type in ("State", "District"))
prov = sorted((s.code.split("-")[1], s.name) for s in pycountry.subdivisions.get(country_code="CA"))
def pairs(items):
    return "\n".join('        ("%s", "%s"),' % (code, key(name)) for code, name in items)
src = '''/// Places written in tables of our own, from public standards: ISO 3166-1 countries (alpha-2,
/// alpha-3, English names and the aliases people write), ISO 3166-2 states of the United States
/// and provinces and territories of Canada. Names are keys (``DraftVocabulary/key(_:)``: lowercase,
/// marks and accents dropped). Facts only; what a sentence may map onto is still the data's.
enum PlaceTables {
    struct Country: Sendable {
        let alpha2: String
        let alpha3: String
        /// The English short name first, then other names, aliases and adjectives.
        let names: [String]
    }

    static let countries: [Country] = [
%s
    ]

    /// States of the United States and the District of Columbia: USPS code, name.
    static let usStates: [(code: String, name: String)] = [
%s
    ]

    /// Provinces and territories of Canada: code, name.
    static let canadianProvinces: [(code: String, name: String)] = [
%s
    ]
}
''' % ("\n".join(lines), pairs(states), pairs(prov))
open(pathlib.Path(__file__).resolve().parents[1] / "Sources/ICPCore/Draft/PlaceTables.swift", "w").write(src)
