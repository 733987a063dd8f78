#!/usr/bin/env python3
"""icp against DuckDB on the same generated data, side by side in one run, in two variants:
accounts only (the midmarket-saas ICP without its personas), and accounts with their
contacts (the whole ICP, personas joined to contacts).

For each variant it prints, with the ratio and whether the target is met:
  - a new dataset: `icp preview` as a whole process with no cache, against a Python process
    that loads the CSVs into DuckDB (read_csv) and runs the ICP's query; and the peak memory
    of the icp process against the CSV size;
  - a warm start: `icp preview` with its cache present, against a Python process opening a
    DuckDB database file already holding the tables and running the query;
  - the language server: didOpen to the diagnostics with data (cache present), against the
    warm preview; keystroke to diagnostics p95 against DuckDB's query p95 on loaded tables;
    a hover sent right after `workspace/didChangeWatchedFiles` (file unchanged, and file
    rewritten so that it is read again in the background).
The ICP is written as SQL by hand with the same semantics (trimmed, case-insensitive text,
missing values never matching, inclusive ranges, the same as_of); both tools must qualify
the same number of accounts. Figures are wall-clock on a shared machine: compare ratios.

Two shapes of data, side by side in one run: `sample`, the built-in sample (long free-text
descriptions, which slow DuckDB's reading), and `plain`, a CRM export as Salesforce or HubSpot
write one (16 short columns: an id, a name, text categories, integers, dates, a `;` list,
booleans; about 146 bytes a row), with an ICP of 10 parameters.

Usage: Scripts/bench-duckdb.py [--accounts 1000000] [--shape both|sample|plain] [--folder /tmp/icp-bench-1000000] [--runs 10]
"""
import argparse, os, pathlib, re, shutil, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Scripts"))
from lspclient import Server
parser = argparse.ArgumentParser()
parser.add_argument("--accounts", type=int, default=1_000_000)
parser.add_argument("--folder", default=None)
parser.add_argument("--runs", type=int, default=10)
parser.add_argument("--edits", type=int, default=40)
parser.add_argument("--icp", default=str(ROOT / ".build" / "release" / "icp"))
parser.add_argument("--shape", choices=["both", "sample", "plain"], default="both")
args = parser.parse_args()

try:
    import duckdb
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
    import duckdb

folder = pathlib.Path(args.folder or f"/tmp/icp-bench-{args.accounts}")
generated = folder / "generated"
if args.shape != "plain" and not (generated / "accounts.csv").exists():
    print(f"generating {args.accounts:,} accounts in {generated} ...", flush=True)
    subprocess.run([args.icp, "sample", "--accounts", str(args.accounts), "--seed", "1", "--out", str(generated)], check=True)


def plain_export(path, count, seed=7):
    """A CRM export of `count` accounts: short values, numbers, dates, a list, booleans, a few
    empty cells, as Salesforce or HubSpot write them. Deterministic for a seed."""
    import random
    rng = random.Random(seed)
    industries = ["Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Education", "Media", "Logistics",
                  "Real Estate", "Energy", "Telecommunications", "Insurance", "Hospitality", "Construction", "Government", "Nonprofit",
                  "Biotechnology", "Automotive", "Consulting", "Legal"]
    countries = ["US"] * 8 + ["CA", "GB", "GB", "DE", "FR", "NL", "AU", "IN", "BR", "JP", "SE", "ES", "IT", "SG", "IE", "MX"]
    states = ["CA", "NY", "TX", "WA", "MA", "IL", "FL", "CO", "GA", "NC", "VA", "PA", "OH", "MI", "OR", "AZ", "MN", "UT"]
    tech = ["salesforce", "hubspot", "marketo", "slack", "zoom", "aws", "gcp", "azure", "snowflake", "segment", "zendesk",
            "intercom", "stripe", "shopify", "okta", "jira", "github", "datadog", "tableau", "looker"]
    syllables = ["ac", "me", "no", "va", "ri", "to", "lex", "dyn", "sol", "tek", "qu", "an", "zo", "bel", "cor", "mi"]
    suffixes = ["Inc", "LLC", "Ltd", "GmbH", "Corp", "Group", "Co"]
    types = ["Prospect"] * 6 + ["Customer"] * 2 + ["Partner", "Reseller"]
    ratings = ["Hot", "Warm", "Cold", ""]
    sources = ["Web", "Referral", "Partner", "Event", "Outbound", "Inbound Call", "Advertisement", ""]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("account_id,name,industry,type,billing_country,billing_state,employees,annual_revenue,founded_year,"
                  "created_date,last_activity_date,technologies,is_customer,has_open_opportunity,rating,lead_source\n")
        lines = []
        for number in range(count):
            country = rng.choice(countries)
            employees = int(rng.lognormvariate(4.2, 1.6)) + 1
            revenue = "" if rng.random() < 0.12 else str(employees * rng.randint(60_000, 400_000))
            created = 18_000 + rng.randint(0, 2_500)
            activity = "" if rng.random() < 0.15 else str(created + rng.randint(0, 700))
            name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize() + " " + rng.choice(suffixes)
            row = [f"0015g{number:010d}", name, rng.choice(industries), rng.choice(types), country,
                   rng.choice(states) if country == "US" else "", str(employees), revenue, str(rng.randint(1950, 2024)),
                   str(created), activity, ";".join(rng.sample(tech, rng.randint(0, 5))),
                   "true" if rng.random() < 0.2 else "false", "true" if rng.random() < 0.3 else "false",
                   rng.choice(ratings), rng.choice(sources)]
            lines.append(",".join(row))
            if len(lines) == 50_000:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")


def plain_dates(path):
    """The export's day numbers as ISO dates, rewritten in place (cheaper than formatting each)."""
    import datetime
    epoch = datetime.date(1970, 1, 1)
    cache = {}
    def iso(text):
        if not text:
            return ""
        if text not in cache:
            cache[text] = (epoch + datetime.timedelta(days=int(text))).isoformat()
        return cache[text]
    rows = path.read_text(encoding="utf-8").split("\n")
    fixed = [rows[0]]
    for line in rows[1:]:
        if not line:
            continue
        cells = line.split(",")
        cells[9], cells[10] = iso(cells[9]), iso(cells[10])
        fixed.append(",".join(cells))
    path.write_text("\n".join(fixed) + "\n", encoding="utf-8")


plain = folder / "plain-generated"
if args.shape != "sample" and not (plain / "accounts.csv").exists():
    print(f"generating {args.accounts:,} plain accounts in {plain} ...", flush=True)
    plain.mkdir(parents=True, exist_ok=True)
    plain_export(plain / "accounts.csv.part", args.accounts)
    plain_dates(plain / "accounts.csv.part")
    (plain / "accounts.csv.part").rename(plain / "accounts.csv")

ICP = (ROOT / "fixtures" / "icps" / "midmarket-saas.icp.yaml").read_text(encoding="utf-8")
variants = {}
if args.shape != "plain":
    settings = (generated / "icp.workspace.yaml").read_text(encoding="utf-8")
    variants["accounts only"] = (ICP[:ICP.index("personas:")], "".join(line + "\n" for line in settings.splitlines() if "contacts:" not in line), ["accounts.csv"], generated)
    variants["with contacts"] = (ICP, settings, ["accounts.csv", "contacts.csv"], generated)

PLAIN_SETTINGS = """datasets:
  accounts: accounts.csv
keys:
  account_id: account_id
  created: created_date
as_of: 2026-11-01
fields:
  technologies: {type: list, separator: ";"}
"""
# Ten parameters over the export: filters, scores and excludes on every kind of column.
PLAIN_ICP = """icp: plain-midmarket
status: live
min_score: 20
tiers: {A: 70, B: 40, C: 0}
parameters:
  - field: employees
    mode: filter
    min: 50
    max: 5000
  - {field: industry, mode: filter, in: [Software, Financial Services, Healthcare, Media, Telecommunications]}
  - {field: billing_country, mode: filter, in: [US, CA, GB, DE, NL, IE]}
  - {field: technologies, mode: score, in: [salesforce, hubspot, marketo], weight: 3}
  - {field: annual_revenue, mode: score, min: 10000000, weight: 2}
  - {field: last_activity_date, mode: score, within_days: 365, weight: 2}
  - {field: rating, mode: score, in: [Hot, Warm]}
  - {field: has_open_opportunity, mode: score, is: true}
  - {field: is_customer, mode: exclude, is: true}
  - {field: type, mode: exclude, in: [Partner, Reseller]}
"""
if args.shape != "sample":
    variants["plain export"] = (PLAIN_ICP, PLAIN_SETTINGS, ["accounts.csv"], plain)

LOAD_ACCOUNTS = """CREATE TABLE accounts AS SELECT * REPLACE (list_transform(string_split(lower(tech_stack), ';'), lambda x: trim(x)) AS tech_stack)
  FROM read_csv('{dir}/accounts.csv', header = true, nullstr = ['', 'N/A', '-'], auto_detect = true);"""
LOAD_CONTACTS = """CREATE TABLE contacts AS SELECT * FROM read_csv('{dir}/contacts.csv', header = true, nullstr = ['', 'N/A', '-'], auto_detect = true);"""

# midmarket-saas as SQL (as_of 2026-11-01): filters industry, employees 200..2000, region; scores
# tech_stack (3), last_funding_date within 365 days (2), funding_stage (1); excludes is_customer,
# country RU; min_score 30; tiers A 75, B 50, C 0.
ACCOUNTS = """
WITH p AS (
  SELECT id,
    coalesce(lower(trim(industry)) IN ('software', 'fintech', 'marketing tech'), false) AS f1,
    coalesce(employees BETWEEN 200 AND 2000, false) AS f2,
    coalesce(lower(trim(region)) IN ('emea', 'north america'), false) AS f3,
    coalesce(list_has_any(tech_stack, ['salesforce', 'hubspot']), false) AS s1,
    coalesce(CAST(last_funding_date AS DATE) BETWEEN DATE '2025-11-01' AND DATE '2026-11-01', false) AS s2,
    coalesce(lower(trim(funding_stage)) IN ('series b', 'series c'), false) AS s3,
    coalesce(is_customer = true, false) AS x1,
    coalesce(lower(trim(country)) IN ('ru'), false) AS x2
  FROM accounts
), s AS (
  SELECT *, 100.0 * (3 * s1::INT + 2 * s2::INT + s3::INT) / 6 AS score FROM p
), q AS (
  SELECT *, f1 AND f2 AND f3 AND NOT x1 AND NOT x2 AND score >= 30 - 1e-9 AS qualified FROM s
)
SELECT count(*) FILTER (WHERE qualified) AS qualified,
  count(*) FILTER (WHERE qualified AND score >= 75) AS tier_a,
  count(*) FILTER (WHERE qualified AND score >= 50 AND score < 75) AS tier_b,
  count(*) FILTER (WHERE qualified AND score < 50) AS tier_c,
  count(*) FILTER (WHERE f1) AS m1, count(*) FILTER (WHERE f1 AND f2) AS r2, count(*) FILTER (WHERE f1 AND f2 AND f3) AS r3
FROM q
"""
PERSONAS = ACCOUNTS.replace("""SELECT count(*) FILTER (WHERE qualified) AS qualified,""", """, buyers AS (
  SELECT c.account_id FROM contacts c JOIN q ON q.id = c.account_id AND q.qualified
  WHERE coalesce(lower(trim(c.seniority)) IN ('vp', 'c-level'), false) AND coalesce(lower(trim(c.department)) IN ('sales', 'revenue operations'), false)
)
SELECT count(*) FILTER (WHERE qualified) AS qualified, (SELECT count(*) FROM buyers) AS buyer_contacts, (SELECT count(DISTINCT account_id) FROM buyers) AS buyer_accounts,""")


LOAD_PLAIN = """CREATE TABLE accounts AS SELECT * REPLACE (list_transform(string_split(lower(technologies), ';'), lambda x: trim(x)) AS technologies)
  FROM read_csv('{dir}/accounts.csv', header = true, nullstr = [''], auto_detect = true);"""
PLAIN_QUERY = """
WITH p AS (
  SELECT account_id,
    coalesce(employees BETWEEN 50 AND 5000, false) AS f1,
    coalesce(lower(trim(industry)) IN ('software', 'financial services', 'healthcare', 'media', 'telecommunications'), false) AS f2,
    coalesce(lower(trim(billing_country)) IN ('us', 'ca', 'gb', 'de', 'nl', 'ie'), false) AS f3,
    coalesce(list_has_any(technologies, ['salesforce', 'hubspot', 'marketo']), false) AS s1,
    coalesce(annual_revenue >= 10000000, false) AS s2,
    coalesce(CAST(last_activity_date AS DATE) BETWEEN DATE '2025-11-01' AND DATE '2026-11-01', false) AS s3,
    coalesce(lower(trim(rating)) IN ('hot', 'warm'), false) AS s4,
    coalesce(has_open_opportunity = true, false) AS s5,
    coalesce(is_customer = true, false) AS x1,
    coalesce(lower(trim(type)) IN ('partner', 'reseller'), false) AS x2
  FROM accounts
), s AS (
  SELECT *, 100.0 * (3 * s1::INT + 2 * s2::INT + 2 * s3::INT + s4::INT + s5::INT) / 9 AS score FROM p
), q AS (
  SELECT *, f1 AND f2 AND f3 AND NOT x1 AND NOT x2 AND score >= 20 - 1e-9 AS qualified FROM s
)
SELECT count(*) FILTER (WHERE qualified) AS qualified,
  count(*) FILTER (WHERE qualified AND score >= 70) AS tier_a,
  count(*) FILTER (WHERE qualified AND score >= 40 AND score < 70) AS tier_b,
  count(*) FILTER (WHERE qualified AND score < 40) AS tier_c
FROM q
"""


def peak(command, cwd=None):
    """Runs a process under /usr/bin/time; returns (seconds, peak resident MiB, stdout)."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr}")
    return seconds, int(result.stderr.strip().splitlines()[-1]) / 1024, result.stdout


def timed(function, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def median_of(function, runs):
    return statistics.median(function() for _ in range(runs))


def hover_after_watch(server, path, data, rewrite):
    """Milliseconds from didChangeWatchedFiles to the answer of a hover sent right after it."""
    if rewrite:
        os.utime(data, ns=(time.time_ns(), time.time_ns()))
    started = time.perf_counter()
    server.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": data.as_uri(), "type": 2}]})
    response = server.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": {"line": 0, "character": 1}})
    elapsed = (time.perf_counter() - started) * 1000
    if "result" not in response:
        raise SystemExit(f"hover failed: {response}")
    if rewrite:
        server.wait_log("Loaded ")
    return elapsed


rows = []
for variant, (icp_text, workspace_text, files, source) in variants.items():
    workspace = folder / variant.replace(" ", "-")
    workspace.mkdir(exist_ok=True)
    for name in files:
        if not (workspace / name).exists():
            os.link(source / name, workspace / name)
    (workspace / "icp.workspace.yaml").write_text(workspace_text, encoding="utf-8")
    icp_file = workspace / ("plain.icp.yaml" if source == plain else "midmarket-saas.icp.yaml")
    icp_file.write_text(icp_text, encoding="utf-8")
    csv_mib = sum((workspace / name).stat().st_size for name in files) / 2**20
    if source == plain:
        query, load = PLAIN_QUERY, LOAD_PLAIN.format(dir=workspace)
    else:
        query = PERSONAS if "contacts.csv" in files else ACCOUNTS
        load = LOAD_ACCOUNTS.format(dir=workspace) + ("\n" + LOAD_CONTACTS.format(dir=workspace) if "contacts.csv" in files else "")

    # DuckDB: a database file holding the typed tables, and the query on loaded tables.
    database = workspace / "bench.duckdb"
    if database.exists():
        database.unlink()
    connection = duckdb.connect(str(database))
    connection.execute(load)
    duck_answer = connection.execute(query).fetchone()[0]
    duck_query = timed(lambda: connection.execute(query).fetchall(), args.runs)
    connection.close()
    cold_script = f"import duckdb; c = duckdb.connect(); c.execute('''{load}'''); print(c.execute('''{query}''').fetchall())"
    warm_script = f"import duckdb; c = duckdb.connect('{database}', read_only=True); print(c.execute('''{query}''').fetchall())"
    duck_cold = peak([sys.executable, "-c", cold_script])
    duck_warm = median_of(lambda: peak([sys.executable, "-c", warm_script])[0], 3)

    # icp: a new dataset (no cache), then warm.
    shutil.rmtree(workspace / ".icp-cache", ignore_errors=True)
    icp_cold = peak([args.icp, "preview", "--format", "json", "."], cwd=workspace)
    icp_answer = int(re.search(r'"qualified" : (\d+)', icp_cold[2]).group(1))
    icp_warm = median_of(lambda: peak([args.icp, "preview", "--format", "json", "."], cwd=workspace)[0], 3)
    icp_check = median_of(lambda: peak([args.icp, "check", "."], cwd=workspace)[0], 3)

    server = Server(args.icp, workspace)
    first, with_data = server.open(icp_file)
    latencies = server.keystrokes(icp_file, args.edits)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    unchanged = hover_after_watch(server, icp_file, workspace / "accounts.csv", rewrite=False)
    rewritten = hover_after_watch(server, icp_file, workspace / "accounts.csv", rewrite=True)
    server.close()

    same = "equal" if icp_answer == duck_answer else "DIFFERENT"
    print(f"\n{variant}: {workspace}  ({', '.join(files)}: {csv_mib:.0f} MiB of CSV)")
    print(f"same answer: icp qualifies {icp_answer:,}, DuckDB {duck_answer:,} ({same})")
    print(f"{'figure':62} {'icp':>9} {'peer':>9} {'ratio':>7}  target")

    def row(name, ours, theirs, unit, target="", met=True):
        peer = f"{theirs:>7.2f}{unit:2}" if theirs else " " * 9
        ratio = f"{ours / theirs:6.2f}x" if theirs else " " * 7
        verdict = f"{target} {'met' if met else 'MISSED'}" if target else ""
        print(f"{name:62} {ours:>7.2f}{unit:2} {peer} {ratio}  {verdict}")

    row("cold: icp preview (no cache) vs DuckDB read_csv + query", icp_cold[0], duck_cold[0], "s", "<= 1.0x", icp_cold[0] <= duck_cold[0])
    row("peak memory of that icp run vs the CSV size", icp_cold[1], csv_mib, "M", "<= 1.5x", icp_cold[1] <= 1.5 * csv_mib)
    row("  (DuckDB's peak memory in its cold run, for reference)", duck_cold[1], csv_mib, "M")
    row("warm: icp preview (cache) vs DuckDB persisted database + query", icp_warm, duck_warm, "s", "<= 0.5x", icp_warm <= 0.5 * duck_warm)
    row("icp check (cache) vs warm preview", icp_check, icp_warm, "s", "<= 1.5x", icp_check <= 1.5 * icp_warm)
    row("lsp: didOpen -> diagnostics with data (cache) vs warm preview", with_data, icp_warm, "s", "<= +0.1 s", with_data <= icp_warm + 0.1)
    row("lsp: didOpen -> first diagnostics (no data needed)", first * 1000, 0, "ms")
    row("lsp: keystroke -> diagnostics p95 vs DuckDB query p95 (loaded)", p95, duck_query[1], "ms", "<= 0.1x", p95 <= 0.1 * duck_query[1])
    row("lsp: hover after didChangeWatchedFiles, file unchanged", unchanged, 0, "ms")
    row("lsp: hover after didChangeWatchedFiles, file rewritten", rewritten, 0, "ms")
