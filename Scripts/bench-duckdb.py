#!/usr/bin/env python3
"""icp against DuckDB on the same generated workspace, side by side in one run.

Measures, for the midmarket-saas example ICP (fixtures/icps) on a workspace of N accounts:
  - DuckDB: the ICP's query written by hand (trimmed, case-insensitive text, missing values
    never matching, inclusive ranges, the same as_of) on already-loaded typed tables, median
    and p95 of repeated runs, with and without the persona join; and its whole process
    (Python start, import, typed load of both CSVs, the query).
  - icp: keystroke -> publishDiagnostics through `icp lsp` (Scripts/bench-lsp.py), the whole
    `icp preview` process on the new CSVs, and the server's resident memory.
and prints each figure with its ratio. Figures are wall-clock on this machine: compare ratios.

Usage: Scripts/bench-duckdb.py [--accounts 1000000] [--workspace /tmp/icp-bench-1m] [--runs 15]
"""
import argparse, pathlib, re, shutil, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser()
parser.add_argument("--accounts", type=int, default=1_000_000)
parser.add_argument("--workspace", default=None)
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--icp", default=str(ROOT / ".build" / "release" / "icp"))
args = parser.parse_args()
workspace = pathlib.Path(args.workspace or f"/tmp/icp-bench-{args.accounts}")

try:
    import duckdb
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
    import duckdb

if not (workspace / "accounts.csv").exists():
    print(f"generating {args.accounts:,} accounts in {workspace} ...", flush=True)
    subprocess.run([args.icp, "sample", "--accounts", str(args.accounts), "--seed", "1", "--out", str(workspace)], check=True)
for example in (ROOT / "fixtures" / "icps").glob("midmarket-saas.icp.yaml"):
    shutil.copy(example, workspace / example.name)
for stale in workspace.glob("*.icp.*"):
    if stale.name != "midmarket-saas.icp.yaml":
        stale.unlink()
cache = workspace / ".icp-cache"
if cache.exists():
    shutil.rmtree(cache)

LOAD = """
CREATE TABLE accounts AS SELECT * REPLACE (list_transform(string_split(lower(tech_stack), ';'), lambda x: trim(x)) AS tech_stack)
  FROM read_csv('{dir}/accounts.csv', header = true, nullstr = ['', 'N/A', '-'], auto_detect = true);
CREATE TABLE contacts AS SELECT * FROM read_csv('{dir}/contacts.csv', header = true, nullstr = ['', 'N/A', '-'], auto_detect = true);
"""

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
SELECT (SELECT count(*) FROM buyers) AS buyer_contacts, (SELECT count(DISTINCT account_id) FROM buyers) AS buyer_accounts,
  count(*) FILTER (WHERE qualified) AS qualified,""")


def timed(function, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


print(f"workspace: {workspace}  ({(workspace / 'accounts.csv').stat().st_size / 1e6:.0f} MB accounts, {(workspace / 'contacts.csv').stat().st_size / 1e6:.0f} MB contacts)")
connection = duckdb.connect()
started = time.perf_counter()
connection.execute(LOAD.format(dir=workspace))
duck_load = time.perf_counter() - started
duck_rows = connection.execute("SELECT count(*) FROM accounts").fetchone()[0]
duck_answer = connection.execute(ACCOUNTS).fetchone()
duck_query = timed(lambda: connection.execute(ACCOUNTS).fetchall(), args.runs)
duck_personas = timed(lambda: connection.execute(PERSONAS).fetchall(), args.runs)
connection.close()

script = f"import duckdb; c = duckdb.connect(); c.execute('''{LOAD.format(dir=workspace)}'''); print(c.execute('''{PERSONAS}''').fetchall())"
started = time.perf_counter()
subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
duck_process = time.perf_counter() - started

started = time.perf_counter()
preview = subprocess.run([args.icp, "preview", "--format", "json", "."], cwd=workspace, check=True, capture_output=True, text=True)
icp_cold = time.perf_counter() - started
icp_qualified = int(re.search(r'"qualified" : (\d+)', preview.stdout).group(1))
started = time.perf_counter()
subprocess.run([args.icp, "preview", "--format", "json", "."], cwd=workspace, check=True, capture_output=True)
icp_warm = time.perf_counter() - started

lsp = subprocess.run([sys.executable, str(ROOT / "Scripts" / "bench-lsp.py"), str(workspace), "--edits", "40", "--icp", args.icp],
                     check=True, capture_output=True, text=True).stdout
keystroke_median, keystroke_p95 = map(float, re.search(r"median ([\d.]+) ms\s+p95 ([\d.]+) ms", lsp).groups())
rss = float(re.search(r"memory: (\d+) MiB", lsp).group(1))
csv_mb = ((workspace / "accounts.csv").stat().st_size + (workspace / "contacts.csv").stat().st_size) / 2**20

print(f"same answer: icp qualifies {icp_qualified:,}, DuckDB {duck_answer[0]:,} of {duck_rows:,}  {'(equal)' if icp_qualified == duck_answer[0] else '(DIFFERENT)'}")
print()
print(f"{'figure':58} {'icp':>10} {'DuckDB':>10} {'ratio':>7}")
def row(name, ours, theirs, unit):
    print(f"{name:58} {ours:>8.1f}{unit:2} {theirs:>8.1f}{unit:2} {ours / theirs:>6.2f}x")
row("keystroke -> diagnostics p95 vs ICP query p95 (accounts)", keystroke_p95, duck_query[1], "ms")
row("keystroke -> diagnostics p95 vs ICP + personas query p95", keystroke_p95, duck_personas[1], "ms")
row("keystroke -> diagnostics median vs query median (accounts)", keystroke_median, duck_query[0], "ms")
row("whole process, new CSVs: icp preview vs DuckDB load+query", icp_cold, duck_process, "s ")
print(f"{'icp preview, second run':58} {icp_warm:>8.2f}s")
print(f"{'DuckDB typed load of both CSVs, in process':58} {'':>10} {duck_load:>8.2f}s")
print(f"{'icp lsp resident memory / CSV size on disk':58} {rss:>7.0f}MiB {csv_mb:>7.0f}MiB {rss / csv_mb:>6.2f}x")
print(f"{'icp lsp bytes per account (accounts and contacts loaded)':58} {rss * 2**20 / duck_rows:>9.0f}B")
