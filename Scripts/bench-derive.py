#!/usr/bin/env python3
"""`icp derive` against DuckDB computing the same per-value lift table, side by side in one run.

On a generated workspace of N accounts (default 1,000,000), both sides count, for every column
derive may use, the won and lost accounts holding each value (each element, for the list column
tech_stack), which is the table derive's rules are chosen from:

  - icp, in process: `icp bench derive` (the data loaded once, untimed; each run a fresh engine,
    so no cached match sets): the tallies, the searches for sets and ranges, the redundancy
    checks and the score cut;
  - DuckDB, in process: the CSV loaded once into a persisted database, untimed; then one GROUP BY
    per column (an UNNEST for the list), with won and lost counts per value;
  - both as whole processes with their data on disk: `icp derive` with the dataset cache present,
    against a `duckdb` Python process opening the persisted database and running the same queries.

Prints milliseconds and icp's time as a ratio to DuckDB's. Wall-clock on a shared machine:
compare the ratios.

    swift build -c release --product icp && python3 Scripts/bench-derive.py [--accounts 1000000] [--workspace DIR]
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
KEYS = {"id", "stage", "created_at"}
LIST = "tech_stack"

QUERY_SCRIPT = r"""
import duckdb, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
for query in sys.argv[2:]:
    con.execute(query).fetchall()
"""


def queries(columns):
    won = "count(*) FILTER (WHERE stage = 'closed_won')"
    lost = "count(*) FILTER (WHERE stage IN ('closed_lost', 'churned'))"
    result = []
    for column in columns:
        if column in KEYS:
            continue
        if column == LIST:
            result.append(f"SELECT element, {won}, {lost} FROM (SELECT unnest(string_split({column}, ';')) AS element, stage FROM accounts) GROUP BY element")
        else:
            result.append(f'SELECT lower(trim("{column}")), {won}, {lost} FROM accounts GROUP BY 1')
    return result


def timed(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--workspace", help="a folder to reuse (created by `icp sample` if empty)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/icp"))
    options = parser.parse_args()
    import duckdb

    folder = pathlib.Path(options.workspace or tempfile.mkdtemp(prefix="icp-bench-derive-"))
    if not (folder / "accounts.csv").exists():
        subprocess.run([options.binary, "sample", "--accounts", str(options.accounts), "--out", str(folder)], check=True)
    database = folder / "bench.duckdb"
    if not database.exists():
        con = duckdb.connect(str(database))
        con.execute(f"CREATE TABLE accounts AS SELECT * FROM read_csv('{folder / 'accounts.csv'}', all_varchar = true)")
        con.close()
    con = duckdb.connect(str(database), read_only=True)
    columns = [row[0] for row in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts'").fetchall()]
    work = queries(columns)
    for query in work:
        con.execute(query).fetchall()  # warm-up
    duck = [timed(lambda: [con.execute(query).fetchall() for query in work]) for _ in range(options.runs)]
    con.close()

    bench = subprocess.run([options.binary, "bench", "derive", str(folder), "--iterations", str(options.runs)], capture_output=True, text=True, check=True).stdout
    icp_in_process = float(re.search(r"median ([0-9.]+)", bench).group(1))
    subprocess.run([options.binary, "derive", str(folder)], capture_output=True, check=True)  # writes the cache
    icp_process = [timed(lambda: subprocess.run([options.binary, "derive", str(folder)], capture_output=True, check=True)) for _ in range(options.runs)]
    duck_process = [timed(lambda: subprocess.run([sys.executable, "-c", QUERY_SCRIPT, str(database), *work], check=True)) for _ in range(options.runs)]

    print(f"workspace: {folder} ({options.accounts:,} accounts requested); {len(work)} per-value tallies")
    print(bench.strip().splitlines()[0])
    print(f"{'':40} {'icp ms':>10} {'DuckDB ms':>10} {'icp / DuckDB':>13}")
    rows = [
        ("in process, data loaded (median)", icp_in_process, statistics.median(duck)),
        ("whole process, cache / database on disk", statistics.median(icp_process), statistics.median(duck_process)),
    ]
    for name, ours, theirs in rows:
        print(f"{name:40} {ours:10.1f} {theirs:10.1f} {ours / theirs:12.2f}x")


if __name__ == "__main__":
    main()
