"""`icp sql` against the engine: the generated SQL runs in DuckDB (PyPI) and in a real PostgreSQL
server on data loaded as `--schema` describes, and every account's code, score and tier must equal
`icp score`'s, every ICP's qualified count and tiers `icp preview`'s. Snowflake, BigQuery and Spark
SQL is parsed by sqlglot. Set ICP_POSTGRES=1 (as .ci/run does) to make a missing server a failure."""
import csv
import json
import os
import re
import shutil
import subprocess
import uuid

import pytest

from conftest import FIXTURES, ICP

duckdb = pytest.importorskip("duckdb")
sqlglot = pytest.importorskip("sqlglot")


def icp(*args, cwd=None):
    return subprocess.run([ICP, *args], capture_output=True, text=True, check=True, cwd=cwd).stdout


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sql-sample")
    subprocess.run([ICP, "sample", "--accounts", "3000", "--seed", "5", "--out", str(folder / "ws")], check=True, capture_output=True)
    for icp_file in (FIXTURES / "icps").glob("*.icp.*"):
        shutil.copy(icp_file, folder / "ws" / icp_file.name)
    return folder / "ws"


class Database:
    """DuckDB in process, or a fresh schema in the local PostgreSQL server."""

    def __init__(self, dialect):
        self.dialect = dialect
        if dialect == "duckdb":
            self.connection = duckdb.connect()
            self.placeholder = "?"
        else:
            try:
                import psycopg
                self.connection = psycopg.connect("dbname=postgres", autocommit=True)
            except Exception as error:  # no driver or no server
                if os.environ.get("ICP_POSTGRES") == "1":
                    raise
                pytest.skip(f"no PostgreSQL server: {error}")
            self.schema = "icp_" + uuid.uuid4().hex[:12]
            self.connection.execute(f"CREATE SCHEMA {self.schema}")
            self.connection.execute(f"SET search_path TO {self.schema}")
            self.placeholder = "%s"

    def rows(self, sql):
        return self.connection.execute(sql).fetchall()

    def close(self):
        if self.dialect == "postgres":
            self.connection.execute(f"DROP SCHEMA {self.schema} CASCADE")
        self.connection.close()


def load(database, workspace, icp_file, missing):
    """Creates the table as `icp sql --schema` says and fills it from the CSV, typed by that schema."""
    schema = icp("sql", str(icp_file), "--schema", "--dialect", database.dialect)
    database.connection.execute(schema)
    types = {name.replace('""', '"'): kind.rstrip(',') for name, kind in re.findall(r'^\s+"((?:[^"]|"")+)" (\S+)', schema, re.M)}
    missing = {value.lower() for value in missing}
    rows = []
    with open(workspace / "accounts.csv", newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader)]
        for record in reader:
            if not record or all(not cell.strip() for cell in record):
                continue
            row = []
            for name, cell in zip(header, record):
                cell = cell.strip()
                kind = types[name]
                if cell == "" or cell.lower() in missing:
                    row.append(None)
                elif kind.startswith("DOUBLE"):
                    row.append(float(cell))
                elif kind == "BOOLEAN":
                    row.append(cell.lower() in ("true", "yes"))
                elif kind == "DATE":
                    row.append(cell[:10])
                elif kind.endswith("[]"):
                    elements = [element.strip() for element in cell.split(";") if element.strip()]
                    row.append(elements or None)
                else:
                    row.append(cell)
            rows.append(row)
    placeholders = ", ".join(database.placeholder for _ in header)
    cursor = database.connection.cursor()
    cursor.executemany(f"INSERT INTO accounts VALUES ({placeholders})", rows)


def check_workspace(workspace, missing, dialect):
    icp_files = sorted(workspace.glob("*.icp.*"))
    database = Database(dialect)
    try:
        compare(database, workspace, icp_files, missing)
    finally:
        database.close()


def compare(database, workspace, icp_files, missing):
    load(database, workspace, icp_files[0], missing)
    # Per account, across the live ICPs: the same code, score (one decimal) and tier as `icp score`.
    expected = {}
    for line in icp("score", "--format", "jsonl", str(workspace)).splitlines():
        record = json.loads(line)
        expected[str(record["id"])] = (record["icp_code"], record["icp_score"], record["icp_tier"])
    query = icp("sql", str(icp_files[0]), "--workspace-codes", "--dialect", database.dialect)
    actual = {}
    for account, code, score, tier in database.rows(query):
        key = str(int(account)) if isinstance(account, float) else str(account)
        actual[key] = (code, round(float(score) + 1e-12, 1) if score else 0, tier)
    assert len(actual) == len(expected)
    differing = [key for key in expected if actual.get(key) != (expected[key][0], expected[key][1], expected[key][2])]
    assert differing == [], [(key, expected[key], actual.get(key)) for key in differing[:5]]
    # Per ICP: the same qualified count and tier counts as `icp preview`.
    previews = {preview["icp"]: preview for preview in json.loads(icp("preview", "--format", "json", str(workspace)))}
    for icp_file in icp_files:
        rows = database.rows(icp("sql", str(icp_file), "--dialect", database.dialect))
        code = re.search(r"^icp: (\S+)|\"icp\": \"([^\"]+)\"", icp_file.read_text(), re.M)
        preview = previews[code.group(1) or code.group(2)]
        assert sum(1 for row in rows if row[1]) == preview["qualified"], icp_file.name
        tiers = {}
        for row in rows:
            if row[3] is not None:
                tiers[row[3]] = tiers.get(row[3], 0) + 1
        assert {name: count for name, count in preview["tiers"].items() if count} == tiers, icp_file.name


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_sql_agrees_with_the_engine_on_the_messy_fixture(dialect):
    check_workspace(FIXTURES / "datasets" / "messy", ["N/A", "-"], dialect)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_sql_agrees_with_the_engine_on_a_generated_workspace(sample, dialect):
    check_workspace(sample, ["N/A", "-"], dialect)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "snowflake", "bigquery", "spark"])
def test_every_dialect_parses(dialect):
    for icp_file in sorted((FIXTURES / "datasets" / "messy").glob("*.icp.yaml")):
        for extra in ([], ["--schema"], ["--workspace-codes"]):
            sql = icp("sql", str(icp_file), "--dialect", dialect, *extra)
            sqlglot.parse(sql, read=dialect)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_quotes_in_values_and_names_cannot_break_out(tmp_path, dialect):
    (tmp_path / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\n")
    (tmp_path / "accounts.csv").write_text('id,"odd ""name""",x\n1,"it\'s; DROP TABLE accounts; --",a\n')
    (tmp_path / "q.icp.yaml").write_text("icp: q\nstatus: live\nparameters:\n  - field: 'odd \"name\"'\n    mode: filter\n    is: \"it's; DROP TABLE accounts; --\"\n")
    database = Database(dialect)
    try:
        load(database, tmp_path, tmp_path / "q.icp.yaml", [])
        rows = database.rows(icp("sql", str(tmp_path / "q.icp.yaml"), "--dialect", dialect))
        assert [(float(row[0]), row[1], float(row[2]), row[3]) for row in rows] == [(1.0, True, 100.0, None)]
    finally:
        database.close()
    for dialect in ["snowflake", "bigquery", "spark"]:
        sqlglot.parse(icp("sql", str(tmp_path / "q.icp.yaml"), "--dialect", dialect), read=dialect)
