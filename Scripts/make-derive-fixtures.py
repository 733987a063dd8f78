"""Writes the dataset `icp derive` is tested against for the traps of real outcome data, in the
shape of a Crunchbase-style startup list (a 2015 snapshot: won = acquired or IPO, lost =
closed, operating = no outcome yet). Each trap is planted, so a test knows the truth:

- timing: `founded_at` and `first_funding_at` predict the outcome only through age. Failures
  come fast (1 to 4 years), acquisitions slowly (3 to 12), so among old companies most
  outcomes are wins and among young ones most are failures; fit plays no part.
- presence: `country_code` and `city` are missing far more often for closed companies (a dead
  company's record is never completed); among companies with a country, the country says
  nothing. `category_list` is missing more often for closed ones too, and also carries fit.
- a long tail: `category_list` holds one to three of 70 categories; three of them
  (Software, Analytics, Security) raise the win rate, the rest are noise.
- a one-sided effect: two or more funding rounds raise the win rate, and the rate is flat
  from there on; any upper bound on `funding_rounds` is noise.

Deterministic: the same file every run.

    python3 Scripts/make-derive-fixtures.py      # rewrites fixtures/derive/startups/*
"""
import csv
import datetime
import math
import pathlib
import random

FOLDER = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "derive" / "startups"
AS_OF = datetime.date(2015, 12, 1)
COMPANIES = 12_000
GOOD = ["Software", "Analytics", "Security"]
TAIL = ["Advertising", "Biotechnology", "E-Commerce", "Mobile", "Curated Web", "Enterprise Software", "Games",
        "Health Care", "Hardware + Software", "Education", "Social Media", "Clean Technology", "Finance",
        "Pharmaceuticals", "Video", "Music", "Travel", "Real Estate", "Fashion", "Hospitality", "Sports",
        "Medical Devices", "Semiconductors", "Consulting", "Marketplaces", "Photography", "News", "Publishing",
        "Public Relations", "Messaging", "Search", "Web Hosting", "Nonprofits", "Automotive", "Food and Beverages",
        "Transportation", "Retail", "Fitness", "Recruiting", "Legal", "Insurance", "Agriculture", "Energy",
        "Manufacturing", "Logistics", "Events", "Design", "Entertainment", "Internet of Things", "Robotics",
        "Crowdfunding", "Payments", "Big Data", "Cloud Computing", "SaaS", "Mobile Payments", "Virtualization",
        "Storage", "Networking", "Telecommunications", "Wireless", "Local Businesses", "Dating", "Kids", "Pets",
        "Beauty", "Home Decor"]
COUNTRIES = ["USA"] * 55 + ["GBR"] * 8 + ["CAN"] * 5 + ["DEU"] * 4 + ["FRA"] * 4 + ["IND"] * 4 + ["ISR"] * 3 + \
    ["CHN"] * 3 + ["ESP", "NLD", "SWE", "IRL", "AUS", "SGP", "BRA", "JPN", "CHE", "FIN", "DNK", "RUS", "KOR", "ITA"]
CITIES = ["San Francisco", "New York", "Palo Alto", "Boston", "Austin", "Seattle", "London", "Berlin", "Paris",
          "Toronto", "Bangalore", "Tel Aviv", "Beijing", "Chicago", "Los Angeles", "Mountain View", "Cambridge",
          "Denver", "Boulder", "Atlanta", "Vancouver", "Dublin", "Stockholm", "Amsterdam", "Madrid", "Sydney",
          "Singapore", "Shanghai", "Munich", "Helsinki"] + [f"Town {n}" for n in range(1, 91)]


def day(date):
    return date.isoformat()


def company(rng, index):
    founded = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randrange((datetime.date(2014, 12, 31) - datetime.date(1995, 1, 1)).days))
    age = (AS_OF - founded).days / 365.25
    categories = rng.sample(TAIL, rng.choice([1, 1, 2, 2, 3]))
    if rng.random() < 0.3:
        categories[0] = rng.choice(GOOD)
    rounds = min(8, 1 + int(rng.expovariate(0.6)))
    fit = 0.22 + 0.28 * any(c in GOOD for c in categories) + 0.18 * (rounds >= 2)
    wins = rng.random() < fit
    # When the outcome happens, if it has: failures fast, acquisitions slowly.
    at = 1 + rng.random() * 3 if not wins else 3 + rng.random() * 9
    status = ("ipo" if rng.random() < 0.1 else "acquired") if wins else "closed"
    if at > age:
        status = "operating"
    closed = status == "closed"
    first = founded + datetime.timedelta(days=rng.randrange(1, 720))
    last = first + datetime.timedelta(days=int((rounds - 1) * rng.uniform(150, 500)))
    first, last = min(first, AS_OF), min(last, AS_OF)
    country = "" if rng.random() < (0.55 if closed else 0.08) else rng.choice(COUNTRIES)
    city = rng.choice(CITIES) if country and rng.random() < 0.9 else ""
    listed = "" if rng.random() < (0.4 if closed else 0.05) else "|".join(categories)
    funding = "" if rng.random() < 0.15 else str(int(rounds * rng.lognormvariate(math.log(1_500_000), 1.2)) // 1000 * 1000)
    return [f"/organization/startup-{index}", f"Startup {index}", listed, funding, status, country, city, rounds,
            day(founded), day(first), day(last)]


def main():
    rng = random.Random(25)
    FOLDER.mkdir(parents=True, exist_ok=True)
    with open(FOLDER / "data.csv", "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["permalink", "name", "category_list", "funding_total_usd", "status", "country_code", "city",
                         "funding_rounds", "founded_at", "first_funding_at", "last_funding_at"])
        for index in range(1, COMPANIES + 1):
            writer.writerow(company(rng, index))
    (FOLDER / "icp.workspace.yaml").write_text(
        "# A Crunchbase-style startup list with planted traps for `icp derive` (Scripts/make-derive-fixtures.py).\n"
        "datasets:\n  accounts: data.csv\nkeys:\n  account_id: permalink\n"
        "outcome:\n  field: status\n  won: [acquired, ipo]\n  lost: [closed]\n"
        "as_of: 2015-12-01\nfields:\n  category_list: {type: list, separator: \"|\"}\n")


if __name__ == "__main__":
    main()
