#!/usr/bin/env python3
"""Writes fixtures/exports/: one clean accounts file and the same accounts as real exports write
them (data-files.md), each folder with the ICP that means the same on its shape.

`clean/` is a plain CSV of 120 accounts. Every other folder holds the same accounts, written one
way: `;` with decimal commas, tabs, `|`, UTF-16, Windows-1252, money as `$12,345,678` /
`USD 700,000` / `$5.2M`, revenue in a `($M)` column, US, dotted and month-name dates, Yes/No,
Y/N and x/empty flags, head-count bands, JSON and Python list cells, title lines above the
header, `-` for missing, percent cells. Tests/ICPCoreTests/ExportShapeTests.swift checks that the
engine and the reference evaluator qualify the same accounts in every folder as in `clean/`.

Deterministic: run it again and nothing changes. Usage: Scripts/make-export-fixtures.py
"""
import json, pathlib, random, shutil

ROOT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "exports"
rng = random.Random(40)

NAMES = ["Acme", "Zürich Daten", "Société Générale Tech", "Ørsted-like Energy", "Núñez & Hijos", "Café Olé", "Brown–Forman Labs",
         "O'Brien Analytics", "Kraków Soft", "Málaga Logistics", "Mañana Cloud", "Ærø Systems", "Blue Fin", "Red Band \"Chemical\"", "Smith, Jones & Co"]
COUNTRIES = ["DE", "FR", "US", "GB", "CH", "NL", "ES", "PL"]
CITIES = ["Salt Lake City, UT", "Austin, TX", "Dublin, Ireland", "Paris, France", "Berlin, Germany", "Boston, MA"]
TAGS = ["saas", "fintech", "ai", "retail", "logistics", "health"]
BANDS = [(1, 50), (51, 200), (201, 1000), (1001, 5000), (5001, None)]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def accounts():
    rows = []
    for index in range(1, 121):
        band = BANDS[rng.randrange(len(BANDS))]
        employees = rng.randint(band[0], band[1] or 20000)
        # Revenue exactly as the money shapes can write it: whole dollars, some round millions (`$5.2M`).
        kind = rng.randrange(4)
        revenue = None if kind == 0 and rng.random() < 0.4 else (rng.randint(1, 99) * 100_000 if kind == 1 else rng.randint(10_000, 90_000_000))
        year, month, day = rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)
        rows.append({
            "id": index,
            "name": f"{NAMES[index % len(NAMES)]} {index}",
            "country": COUNTRIES[rng.randrange(len(COUNTRIES))],
            "city": CITIES[rng.randrange(len(CITIES))],
            "revenue": revenue,
            "employees": employees,
            "band": band,
            "founded": (year, month, day),
            "customer": rng.random() < 0.3,
            "tags": sorted(rng.sample(TAGS, rng.randint(1, 3))),
            "growth": round(rng.uniform(-20, 80), 1),
        })
    # Settle the date order in every shape: some day over 12 in the first rows.
    rows[0]["founded"] = (2011, 3, 15)
    rows[1]["founded"] = (2016, 11, 23)
    return rows


def band_text(band):
    low, high = band
    return f"{low:,}+" if high is None else f"{low:,}-{high:,}"


def money(value, index):
    if value is None:
        return ""
    if value % 100_000 == 0:
        return f"${value / 1e6:g}M"
    return [f"${value:,}", f"USD {value:,}", f"{value:,} USD"][index % 3]


def write(folder, header, rows, *, delimiter=",", encoding="utf-8", bom=False, workspace=None, icp=None, preamble="", filename="accounts.csv"):
    path = ROOT / folder
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)

    def cell(value):
        text = "" if value is None else str(value)
        if any(c in text for c in [delimiter, '"', "\n"]):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(cell(name) for name in header)] + [delimiter.join(cell(value) for value in row) for row in rows]
    text = preamble + "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = {"utf-16-le": b"\xff\xfe", "utf-8": b"\xef\xbb\xbf"}[encoding] + data
    (path / filename).write_bytes(data)
    settings = workspace or {}
    # In icp fmt's layout: a dataset entry with settings is a block mapping.
    entry = f" {filename}" if not settings.get("dataset") else "".join(f"\n    {k}: {v}" for k, v in [("path", filename), *settings["dataset"].items()])
    text = f"datasets:\n  accounts:{entry}\nkeys:\n  account_id: id\nas_of: 2026-11-01\n"
    if "missing_values" in settings:
        text += f"missing_values: {settings['missing_values']}\n"
    if "fields" in settings:   # in icp fmt's layout: one field a line
        text += "fields:\n" + "".join(f"  {name}: {value}\n" for name, value in settings["fields"].items())
    (path / "icp.workspace.yaml").write_text(text, encoding="utf-8")
    (path / "shape.icp.yaml").write_text(icp, encoding="utf-8")


def icp_text(revenue="revenue_usd", revenue_min="5000000", founded="founded", customer="is_customer", tags="tags",
             growth="growth_pct", growth_min="20", employees="employees"):
    return f"""icp: shape
min_score: 30
parameters:
  - field: country
    mode: filter
    in: [DE, FR, US, GB]
  - field: {revenue}
    mode: filter
    min: {revenue_min}
  - field: {employees}
    mode: filter
    min: 51
  - field: {founded}
    mode: score
    min: 2010-01-01
    weight: 2
  - field: {customer}
    mode: exclude
    is: true
  - field: {tags}
    mode: score
    in: [saas]
  - field: {growth}
    mode: score
    min: {growth_min}
"""


def main():
    rows = accounts()
    base = ["id", "name", "country", "city", "revenue_usd", "employees", "founded", "is_customer", "tags", "growth_pct"]

    def clean_row(r, **override):
        y, m, d = r["founded"]
        values = {"id": r["id"], "name": r["name"], "country": r["country"], "city": r["city"], "revenue_usd": r["revenue"],
                  "employees": r["employees"], "founded": f"{y:04d}-{m:02d}-{d:02d}", "is_customer": "true" if r["customer"] else "false",
                  "tags": ";".join(r["tags"]), "growth_pct": r["growth"]}
        values.update({k: v(r) for k, v in override.items()})
        return values

    def table(header, **override):
        return [[clean_row(r, **override)[name] for name in header] for r in rows]

    lists = {"fields": {"tags": "{type: list, separator: \";\"}"}}
    # Employees as numbers in clean/; the band shape writes them as bands with the same edges.
    write("clean", base, table(base), workspace=lists, icp=icp_text())
    write("semicolon-decimal-comma", base, table(base, growth_pct=lambda r: str(r["growth"]).replace(".", ",")), delimiter=";", workspace=lists, icp=icp_text())
    write("tab", base, table(base), delimiter="\t", workspace=lists, icp=icp_text(), filename="accounts.tsv")
    write("pipe", base, table(base), delimiter="|", workspace=lists, icp=icp_text(), filename="accounts.txt")
    write("utf16-tab", base, table(base), delimiter="\t", encoding="utf-16-le", bom=True, workspace=lists, icp=icp_text(), filename="accounts.txt")
    write("windows-1252", base, table(base), encoding="cp1252",
          workspace={"dataset": {"encoding": "windows-1252"}, **lists}, icp=icp_text())
    write("money", base, table(base, revenue_usd=lambda r: money(r["revenue"], r["id"])), workspace=lists, icp=icp_text(revenue_min="$5M"))
    header = [("Revenue ($M)" if name == "revenue_usd" else name) for name in base]
    write("units-millions", header, [[clean_row(r)["revenue_usd"] / 1e6 if name == "Revenue ($M)" and r["revenue"] is not None else
                                      (None if name == "Revenue ($M)" else clean_row(r)[name]) for name in header] for r in rows],
          workspace=lists, icp=icp_text(revenue="Revenue ($M)", revenue_min="5"))
    write("dates-us", base, table(base, founded=lambda r: f"{r['founded'][1]:02d}/{r['founded'][2]:02d}/{r['founded'][0]}"), workspace=lists, icp=icp_text())
    write("dates-dots", base, table(base, founded=lambda r: f"{r['founded'][2]}.{r['founded'][1]}.{r['founded'][0]}"), delimiter=";", workspace=lists,
          icp=icp_text())
    write("dates-names", base, table(base, founded=lambda r: f"{MONTHS[r['founded'][1] - 1]} {r['founded'][2]}, {r['founded'][0]}"), workspace=lists, icp=icp_text())
    write("yes-no", base, table(base, is_customer=lambda r: "Yes" if r["customer"] else "No"), workspace=lists, icp=icp_text())
    write("flags-letters", base, table(base, is_customer=lambda r: "Y" if r["customer"] else "N"), workspace=lists, icp=icp_text())
    write("flags-mark", base, table(base, is_customer=lambda r: "x" if r["customer"] else ""), workspace=lists, icp=icp_text())
    write("bands", base, table(base, employees=lambda r: band_text(r["band"])), workspace=lists, icp=icp_text())
    write("json-lists", base, table(base, tags=lambda r: json.dumps(r["tags"])), icp=icp_text())
    write("python-lists", base, table(base, tags=lambda r: "[" + ", ".join(f"'{t}'" for t in r["tags"]) + "]"), icp=icp_text())
    write("preamble", base, table(base), workspace=lists, icp=icp_text(), preamble="Accounts export\r\nGenerated 2026-11-01 by the CRM\r\n\r\n")
    write("missing-declared", base, table(base, revenue_usd=lambda r: "-" if r["revenue"] is None else r["revenue"]),
          workspace={"missing_values": "[\"-\"]", **lists}, icp=icp_text())
    write("percent", base, table(base, growth_pct=lambda r: f"{r['growth']}%"), workspace=lists, icp=icp_text(growth_min="20%"))


if __name__ == "__main__":
    main()
