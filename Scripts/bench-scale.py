#!/usr/bin/env python3
"""Scoring a whole workspace three ways, side by side in one run: `icp score`, DuckDB and Spark.

On a generated workspace of N accounts (default 1,000,000) with the example ICPs of
fixtures/icps, each engine assigns every account its ICP code, score and tier across the live
ICPs, and the three must agree on how many accounts get a code:

  - icp: `icp score --out` as a whole process, cold (no dataset cache) and warm (cache present);
  - DuckDB (in process): the CSV loaded into a table typed as `icp sql --schema` says, then the
    `icp sql --workspace-codes` query written to a table;
  - Spark (pyspark, local[2], loopback only): the same load and the same query, written as Parquet.

Prints seconds for loading and for scoring, with each engine's total as a ratio to icp's cold
run. Wall-clock on a shared machine: compare the ratios.

    swift build -c release && python3 Scripts/bench-scale.py [--accounts 1000000] [--workspace DIR]
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
MISSING = ["", "N/A", "-"]


def icp(*args, binary):
    return subprocess.run([binary, *args], capture_output=True, text=True, check=True).stdout


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def column_types(workspace, icp_file, binary):
    """Column name -> the type `icp sql --schema` declares (DuckDB names: VARCHAR, DOUBLE, BOOLEAN, DATE, VARCHAR[])."""
    schema = icp("sql", str(icp_file), "--schema", "--dialect", "duckdb", binary=binary)
    return [(name.replace('""', '"'), kind.rstrip(",")) for name, kind in re.findall(r'^\s+"((?:[^"]|"")+)" (\S+)', schema, re.M)]


def typed_columns(types, quote, functions):
    """SELECT expressions turning text columns into typed ones, missing values as NULL, as icp reads them."""
    missing = ", ".join(f"'{value}'" for value in MISSING)
    expressions = []
    for name, kind in types:
        column = f"{quote}{name}{quote}"
        present = f"CASE WHEN trim({column}) IN ({missing}) THEN NULL ELSE trim({column}) END"
        if kind == "DOUBLE":
            value = f"CAST({present} AS DOUBLE)"
        elif kind == "BOOLEAN":
            value = f"lower({present}) IN ('true', 'yes')"
        elif kind == "DATE":
            value = f"CAST(substr({present}, 1, 10) AS DATE)"
        elif kind.endswith("[]"):
            value = functions["list"](present)
        else:
            value = present
        expressions.append(f"{value} AS {column}")
    return ", ".join(expressions)


def bench_icp(workspace, binary):
    shutil.rmtree(workspace / ".icp-cache", ignore_errors=True)
    out = workspace / "scored-icp.csv"
    cold, _ = timed(lambda: icp("score", str(workspace), "--out", str(out), binary=binary))
    warm, _ = timed(lambda: icp("score", str(workspace), "--out", str(out), binary=binary))
    with open(out) as handle:
        coded = sum(1 for line in list(handle)[1:] if line.split(",")[1])
    return cold, warm, coded


def bench_duckdb(workspace, types, query):
    import duckdb
    connection = duckdb.connect()
    list_expression = {"list": lambda value: f"CASE WHEN len(list_filter(list_transform(string_split({value}, ';'), lambda x: trim(x)), lambda x: x <> '')) = 0 THEN NULL "
                                             f"ELSE list_filter(list_transform(string_split({value}, ';'), lambda x: trim(x)), lambda x: x <> '') END"}

    def load():
        connection.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{workspace}/accounts.csv', header = true, all_varchar = true)")
        connection.execute(f"CREATE TABLE accounts AS SELECT {typed_columns(types, chr(34), list_expression)} FROM raw")
        connection.execute("DROP TABLE raw")

    loading, _ = timed(load)
    scoring, _ = timed(lambda: connection.execute(f"CREATE TABLE scored AS {query.rstrip().rstrip(';')}"))
    coded = connection.execute("SELECT count(*) FROM scored WHERE icp_code IS NOT NULL").fetchone()[0]
    return loading, scoring, coded


def bench_spark(workspace, types, query, scratch):
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    starting, spark = timed(lambda: __import__("pyspark.sql", fromlist=["SparkSession"]).SparkSession.builder
                            .master("local[2]").appName("icp-bench-scale")
                            .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                            .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
                            .config("spark.driver.memory", "6g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    list_expression = {"list": lambda value: f"CASE WHEN size(filter(transform(split({value}, ';'), x -> trim(x)), x -> x <> '')) = 0 THEN NULL "
                                             f"ELSE filter(transform(split({value}, ';'), x -> trim(x)), x -> x <> '') END"}

    def load():
        spark.read.option("header", True).option("inferSchema", False).csv(str(workspace / "accounts.csv")).createOrReplaceTempView("raw")
        spark.sql(f"CREATE TABLE accounts USING parquet AS SELECT {typed_columns(types, '`', list_expression)} FROM raw")

    loading, _ = timed(load)
    scoring, _ = timed(lambda: spark.sql(f"CREATE TABLE scored USING parquet AS {query.rstrip().rstrip(';')}"))
    coded = spark.sql("SELECT count(*) FROM scored WHERE icp_code IS NOT NULL").collect()[0][0]
    spark.stop()
    return starting, loading, scoring, coded


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--workspace", default=None)
    parser.add_argument("--icp", default=str(ROOT / ".build" / "release" / "icp"))
    args = parser.parse_args()
    workspace = pathlib.Path(args.workspace or f"/tmp/icp-scale-{args.accounts}")
    if not (workspace / "accounts.csv").exists():
        print(f"generating {args.accounts:,} accounts in {workspace} ...", flush=True)
        icp("sample", "--accounts", str(args.accounts), "--seed", "1", "--out", str(workspace), binary=args.icp)
    for example in (ROOT / "fixtures" / "icps").glob("*.icp.*"):
        shutil.copy(example, workspace / example.name)
    icp_file = workspace / "midmarket-saas.icp.yaml"
    types = column_types(workspace, icp_file, args.icp)
    size = (workspace / "accounts.csv").stat().st_size

    cold, warm, icp_coded = bench_icp(workspace, args.icp)
    duck_load, duck_score, duck_coded = bench_duckdb(workspace, types, icp("sql", str(icp_file), "--workspace-codes", "--dialect", "duckdb", binary=args.icp))
    with tempfile.TemporaryDirectory() as scratch:
        spark_start, spark_load, spark_score, spark_coded = bench_spark(
            workspace, types, icp("sql", str(icp_file), "--workspace-codes", "--dialect", "spark", binary=args.icp), pathlib.Path(scratch))

    contacts = workspace / "contacts.csv"
    print(f"{args.accounts:,} accounts ({size / 1e6:.0f} MB of CSV), every account's code across the live ICPs; accounts with a code:")
    if contacts.exists():
        print(f"(icp's runs also read the {contacts.stat().st_size / 1e6:.0f} MB of contacts the workspace names; DuckDB and Spark load the accounts only)")
    print(f"  icp {icp_coded:,} · DuckDB {duck_coded:,} · Spark {spark_coded:,} -> {'agree' if icp_coded == duck_coded == spark_coded else 'DISAGREE'}")
    print(f"{'engine':34} {'start':>7} {'load':>7} {'score':>7} {'total':>7} {'vs icp cold':>12}")
    rows = [("icp score --out (cold: parses CSV)", 0, 0, cold),
            ("icp score --out (warm: cache)", 0, 0, warm),
            ("DuckDB (in process)", 0, duck_load, duck_score),
            ("Spark local[2]", spark_start, spark_load, spark_score)]
    for name, start, load, score in rows:
        total = start + load + score
        print(f"{name:34} {start:6.1f}s {load:6.1f}s {score:6.1f}s {total:6.1f}s {total / cold:11.2f}x")


if __name__ == "__main__":
    main()
