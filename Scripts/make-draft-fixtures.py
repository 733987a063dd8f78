"""Writes the datasets `icp draft` and `icp refine` are tested on besides the built-in sample:
five exports in the conventions users bring (Salesforce accounts, HubSpot companies, an
Apollo-style list, a Crunchbase-style list with alpha-3 codes and `|` lists, an Inc.-5000-style
list with two-letter states), with their messy values. Deterministic: the same files every run.

    python3 Scripts/make-draft-fixtures.py      # rewrites fixtures/draft/conventions/*
"""
import csv
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "conventions"
US_STATES = [("CA", "California", ["San Francisco", "Los Angeles", "San Jose", "Palo Alto", "San Diego"]),
             ("NY", "New York", ["New York", "Brooklyn", "Buffalo"]), ("TX", "Texas", ["Austin", "Dallas", "Houston"]),
             ("MA", "Massachusetts", ["Boston", "Cambridge"]), ("WA", "Washington", ["Seattle", "Bellevue"]),
             ("VA", "Virginia", ["Arlington", "Richmond"]), ("IL", "Illinois", ["Chicago"]), ("CO", "Colorado", ["Denver", "Boulder"]),
             ("GA", "Georgia", ["Atlanta"]), ("FL", "Florida", ["Miami", "Tampa"])]
COUNTRIES = [("US", "USA", "United States"), ("GB", "GBR", "United Kingdom"), ("DE", "DEU", "Germany"), ("FR", "FRA", "France"),
             ("CA", "CAN", "Canada"), ("IN", "IND", "India"), ("CN", "CHN", "China"), ("NL", "NLD", "Netherlands"),
             ("SE", "SWE", "Sweden"), ("AE", "ARE", "United Arab Emirates"), ("BR", "BRA", "Brazil"), ("AU", "AUS", "Australia"),
             ("ES", "ESP", "Spain"), ("CH", "CHE", "Switzerland"), ("IL", "ISR", "Israel"), ("JP", "JPN", "Japan")]
UK_REGIONS = ["London", "York", "Manchester", "Edinburgh"]


def us_place(rng):
    """A US state (code, name) and one of its cities."""
    code, name, cities = rng.choice(US_STATES)
    return code, name, rng.choice(cities)


def weighted_country(rng):
    return COUNTRIES[0] if rng.random() < 0.45 else rng.choice(COUNTRIES[1:])


def write(name, header, rows, workspace):
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "data.csv", "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    (folder / "icp.workspace.yaml").write_text(workspace)


def salesforce(rng):
    industries = ["Technology", "Finance", "Healthcare", "Retail", "Manufacturing", "Education", "Biotechnology", "Banking",
                  "Insurance", "Telecommunications", "Media", "Energy", "Government", "Consulting", "Transportation"]
    types = ["Customer - Direct", "Customer - Channel", "Prospect", "Partner", "Other"]
    rows = []
    for i in range(1, 401):
        alpha2, _, country = weighted_country(rng)
        state, city = "", ""
        if alpha2 == "US":
            code, state_name, cities = rng.choice(US_STATES)
            state = code if rng.random() < 0.8 else state_name  # drawn before the city, as first written
            city = rng.choice(cities)
        elif alpha2 == "GB":
            city = rng.choice(UK_REGIONS)
        country_written = {"US": rng.choice(["United States", "USA", "US", "United States"]), "GB": rng.choice(["United Kingdom", "UK"])}.get(alpha2, country)
        employees = int(rng.lognormvariate(5, 1.6)) + 1
        revenue = "" if rng.random() < 0.15 else str(int(employees * rng.uniform(60_000, 400_000)))
        created = f"{rng.choice([2023, 2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00.000Z"
        rows.append([f"001{i:06d}", f"Account {i}", rng.choice(industries) if rng.random() > 0.05 else "", rng.choice(types),
                     city, state, country_written, employees, revenue, created, rng.choice(["Hot", "Warm", "Cold", ""])])
    write("salesforce", ["Id", "Name", "Industry", "Type", "BillingCity", "BillingState", "BillingCountry", "NumberOfEmployees",
                         "AnnualRevenue", "CreatedDate", "Rating"], rows,
          "# Salesforce accounts export: API names, picklist values, ISO timestamps.\n"
          "datasets:\n  accounts: data.csv\nkeys:\n  account_id: Id\n  created: CreatedDate\nas_of: 2026-11-01\n")


def hubspot(rng):
    industries = ["COMPUTER_SOFTWARE", "FINANCIAL_SERVICES", "HOSPITAL_HEALTH_CARE", "RETAIL", "MARKETING_AND_ADVERTISING",
                  "INFORMATION_TECHNOLOGY_AND_SERVICES", "BIOTECHNOLOGY", "COMPUTER_GAMES", "GAMBLING_CASINOS", "E_LEARNING",
                  "LOGISTICS_AND_SUPPLY_CHAIN", "REAL_ESTATE", "INSURANCE", "TELECOMMUNICATIONS"]
    stages = ["lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist"]
    rows = []
    for i in range(1, 401):
        alpha2, _, country = weighted_country(rng)
        state, city = "", ""
        if alpha2 == "US":
            _, state, city = us_place(rng)
        employees = int(rng.lognormvariate(4.5, 1.5)) + 1
        revenue = "" if rng.random() < 0.2 else str(int(employees * rng.uniform(80_000, 300_000)))
        raised = "" if rng.random() < 0.4 else str(rng.choice([500_000, 1_000_000, 2_500_000, 5_000_000, 12_000_000, 20_000_000, 45_000_000, 120_000_000]))
        rows.append([str(9000 + i), f"Company {i}", rng.choice(industries), employees, revenue, country, state, city, raised,
                     f"{rng.choice([2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 09:12", rng.choice(stages)])
    write("hubspot", ["Record ID", "Company name", "Industry", "Number of Employees", "Annual Revenue", "Country/Region",
                      "State/Region", "City", "Total Money Raised", "Create Date", "Lifecycle Stage"], rows,
          "# HubSpot companies export: display names with spaces and slashes, enum industries.\n"
          "datasets:\n  accounts: data.csv\nkeys:\n  account_id: Record ID\n  created: Create Date\nas_of: 2026-11-01\n")


def apollo(rng):
    industries = ["information technology & services", "computer software", "financial services", "hospital & health care",
                  "marketing & advertising", "biotechnology", "e-learning", "internet", "real estate", "staffing & recruiting"]
    tech = ["Salesforce", "HubSpot", "Google Analytics", "AWS", "Snowflake", "Segment", "Marketo", "Zendesk", "Stripe", "Shopify"]
    stages = ["Seed", "Series A", "Series B", "Series C", "Series D", "Private Equity", "Other", ""]
    rows = []
    for i in range(1, 401):
        alpha2, _, country = weighted_country(rng)
        state, city = "", ""
        if alpha2 == "US":
            _, state, city = us_place(rng)
        employees = int(rng.lognormvariate(4.5, 1.4)) + 1
        stage = rng.choice(stages)
        funding = "" if not stage else str(rng.choice([1_000_000, 3_000_000, 8_000_000, 15_000_000, 40_000_000, 90_000_000]))
        funded = "" if not stage else f"{rng.choice([2021, 2022, 2023, 2024, 2025, 2026])}-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        rows.append([f"5f{i:05x}", f"Org {i}", rng.choice(industries), employees, "" if rng.random() < 0.2 else int(employees * rng.uniform(90_000, 250_000)),
                     funding, stage, funded, ", ".join(rng.sample(tech, rng.randint(0, 4))), country, state, city, rng.randint(1995, 2024)])
    write("apollo", ["id", "name", "industry", "estimated_num_employees", "annual_revenue", "total_funding", "latest_funding_stage",
                     "latest_funding_round_date", "technologies", "country", "state", "city", "founded_year"], rows,
          "# Apollo-style organizations: snake_case names, technologies as a comma list.\n"
          "datasets:\n  accounts: data.csv\nkeys:\n  account_id: id\nas_of: 2026-11-01\nfields:\n  technologies: {type: list, separator: \",\"}\n")


def crunchbase(rng):
    categories = ["Software", "SaaS", "Enterprise Software", "Biotechnology", "Health Care", "FinTech", "E-Commerce", "Advertising",
                  "Video Games", "Gambling", "Startups", "Clean Energy", "Artificial Intelligence", "Education", "Real Estate"]
    rows = []
    for i in range(1, 501):
        _, alpha3, _ = weighted_country(rng)
        state, region, city = "", "", ""
        if alpha3 == "USA":
            code, _, cities = rng.choice(US_STATES)
            state, city = code, rng.choice(cities)
            region = {"San Francisco": "SF Bay Area", "San Jose": "SF Bay Area", "Palo Alto": "SF Bay Area", "New York": "New York City",
                      "Brooklyn": "New York City"}.get(city, city)
            if city == "New York":
                city = rng.choice(["New York", "New York City"])
        elif alpha3 == "GBR":
            region = rng.choice(UK_REGIONS)
            city = region
        status = rng.choices(["operating", "acquired", "closed", "ipo"], [70, 15, 10, 5])[0]
        founded = rng.randint(2000, 2020)
        rounds = rng.randint(1, 6)
        funding = "" if rng.random() < 0.1 else str(rng.choice([250_000, 1_000_000, 2_000_000, 6_000_000, 20_000_000, 35_000_000, 60_000_000, 200_000_000]))
        first = f"{founded + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        last = f"{min(2026, founded + 1 + rounds)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        cats = "|".join(sorted(set(rng.sample(categories, rng.randint(1, 3)))))
        rows.append([f"/organization/org-{i}", f"Org {i}", cats, funding, status, alpha3 if rng.random() > 0.05 else "", state, region, city,
                     rounds, f"{founded}-{rng.randint(1, 12):02d}-01", first, last])
    write("crunchbase", ["permalink", "name", "category_list", "funding_total_usd", "status", "country_code", "state_code", "region",
                         "city", "funding_rounds", "founded_at", "first_funding_at", "last_funding_at"], rows,
          "# Crunchbase-style list: `|` categories, alpha-3 countries, state codes, the status as outcome.\n"
          "datasets:\n  accounts: data.csv\nkeys:\n  account_id: permalink\n"
          "outcome:\n  field: status\n  won: [acquired, ipo]\n  lost: [closed]\n"
          "as_of: 2026-11-01\nfields:\n  category_list: {type: list, separator: \"|\"}\n")


def inc(rng):
    industries = ["Software", "Health", "Business Products & Services", "Advertising & Marketing", "Financial Services",
                  "Construction", "Retail", "Food & Beverage", "Logistics & Transportation", "Government Services", "Security", "Energy"]
    rows = []
    for i in range(1, 401):
        code, _, cities = rng.choice(US_STATES)
        workers = int(rng.lognormvariate(3.6, 1.1)) + 1
        rows.append([i, f"Inc Co {i}", code, rng.choice(cities), rng.choice(industries), workers, rng.randint(1990, 2020),
                     round(rng.uniform(50, 3000), 1), int(workers * rng.uniform(70_000, 200_000))])
    write("inc5000", ["rank", "company", "state", "city", "industry", "_ - workers", "_ - founded", "growth_pct", "revenue"], rows,
          "# Inc.-5000-style list: two-letter states, odd column names, growth in percent.\n"
          "datasets:\n  accounts: data.csv\nkeys:\n  account_id: rank\nas_of: 2026-11-01\n")


if __name__ == "__main__":
    for maker in (salesforce, hubspot, apollo, crunchbase, inc):
        maker(random.Random(maker.__name__))
    print("wrote", ", ".join(sorted(p.name for p in ROOT.iterdir())))
