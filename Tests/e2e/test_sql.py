"""`icp sql` against the engine: the generated SQL runs in DuckDB (PyPI), in a real PostgreSQL
server and in a real Spark (pyspark, local[2]) on data loaded as `--schema` describes, and every
account's code, score and tier must equal `icp score`'s, every ICP's qualified count and tiers
`icp preview`'s. Snowflake and BigQuery SQL is parsed by sqlglot. Set ICP_POSTGRES=1 and
ICP_SPARK=1 (as .ci/run does) to make a missing server or Spark a failure."""
import csv
import datetime
import io
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
    # Every `missing` policy on columns with missing values, in every mode, and a decaying score.
    (folder / "ws" / "missing.icp.yaml").write_text(
        "icp: missing-policies\nstatus: draft\nmin_score: 40\ntiers: {high: 70, low: 40}\nparameters:\n"
        "  - {field: revenue_usd, mode: filter, min: 1000000, missing: neutral}\n"
        "  - {field: headcount_growth, mode: score, min: 10, weight: 3, missing: neutral}\n"
        "  - {field: funding_stage, mode: score, in: [Series A, Series B], weight: 2, missing: pass}\n"
        "  - {field: description, mode: score, contains_any: [platform], missing: neutral}\n"
        "  - {field: last_funding_date, mode: exclude, within_days: 30, missing: pass}\n"
        "  - {field: tech_stack, mode: exclude, in: [zendesk], missing: neutral}\n"
        "  - {field: last_funding_date, mode: score, within_days: 720, weight: 2, decay: {half_life_days: 90}}\n", encoding="utf-8")
    return folder / "ws"


@pytest.fixture(scope="module")
def spark_session(tmp_path_factory):
    """One local Spark for the module: starting one takes several seconds."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        if os.environ.get("ICP_SPARK") == "1":
            raise
        pytest.skip(f"no pyspark: {error}")
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    # Everything on the loopback address: the driver must not bind to or announce another one.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (SparkSession.builder.master("local[2]").appName("icp-sql-tests")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.warehouse.dir", str(warehouse))
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


class Database:
    """DuckDB in process, a fresh schema in the local PostgreSQL server, or a table in a local Spark."""

    def __init__(self, dialect, spark=None):
        self.dialect = dialect
        if dialect == "spark":
            self.spark = spark
            self.spark.sql("DROP TABLE IF EXISTS accounts")
        elif dialect == "duckdb":
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
        if self.dialect == "spark":
            return [tuple(row) for row in self.spark.sql(sql).collect()]
        return self.connection.execute(sql).fetchall()

    def create(self, schema):
        if self.dialect == "spark":
            self.spark.sql(schema.rstrip().rstrip(";"))
        else:
            self.connection.execute(schema)

    def insert(self, rows):
        if self.dialect == "spark":
            table = self.spark.table("accounts")
            self.spark.createDataFrame(rows, schema=table.schema).write.insertInto("accounts")
            return
        placeholders = ", ".join(self.placeholder for _ in rows[0]) if rows else ""
        if rows:
            self.connection.cursor().executemany(f"INSERT INTO accounts VALUES ({placeholders})", rows)

    def close(self):
        if self.dialect == "spark":
            self.spark.sql("DROP TABLE IF EXISTS accounts")
            return
        if self.dialect == "postgres":
            self.connection.execute(f"DROP SCHEMA {self.schema} CASCADE")
        self.connection.close()


def load(database, workspace, icp_file, missing):
    """Creates the table as `icp sql --schema` says and fills it from the CSV, typed by that schema."""
    schema = icp("sql", str(icp_file), "--schema", "--dialect", database.dialect)
    database.create(schema)
    quoted = r'^\s+`((?:[^`]|``)+)` (\S+)' if database.dialect == "spark" else r'^\s+"((?:[^"]|"")+)" (\S+)'
    quote = "`" if database.dialect == "spark" else '"'
    types = {name.replace(quote * 2, quote): kind.rstrip(',') for name, kind in re.findall(quoted, schema, re.M)}
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
                    row.append(datetime.date.fromisoformat(cell[:10]) if database.dialect == "spark" else cell[:10])
                elif kind.endswith("[]") or kind.startswith("ARRAY"):
                    elements = [element.strip() for element in cell.split(";") if element.strip()]
                    row.append(elements or None)
                else:
                    row.append(cell)
            rows.append(row)
    database.insert(rows)


def load_typed(database, workspace, icp_file, missing):
    """Creates the table as `icp sql --schema` says and fills it from the typed table `icp columns
    --rows all --format csv` writes, as data-files.md and sql.md tell a user to: numbers in the
    column's unit, ISO dates, true/false, lists as JSON arrays, bands as written, missing empty."""
    schema = icp("sql", str(icp_file), "--schema", "--dialect", database.dialect)
    database.create(schema)
    table = icp("columns", "--rows", "all", "--format", "csv", "--no-cache", str(workspace))
    quoted = r'^\s+`((?:[^`]|``)+)` (\S+)' if database.dialect == "spark" else r'^\s+"((?:[^"]|"")+)" (\S+)'
    quote = "`" if database.dialect == "spark" else '"'
    types = {name.replace(quote * 2, quote): kind.rstrip(',') for name, kind in re.findall(quoted, schema, re.M)}
    reader = csv.reader(io.StringIO(table))
    header = next(reader)
    rows = []
    for record in reader:
        row = []
        for name, cell in zip(header, record):
            kind = types[name]
            if cell == "":
                row.append(None)
            elif kind.startswith("DOUBLE"):
                row.append(float(cell))
            elif kind == "BOOLEAN":
                assert cell in ("true", "false"), (name, cell)
                row.append(cell == "true")
            elif kind == "DATE":
                row.append(datetime.date.fromisoformat(cell) if database.dialect == "spark" else cell)
            elif kind.endswith("[]") or kind.startswith("ARRAY"):
                row.append(json.loads(cell) or None)
            else:
                row.append(cell)
        rows.append(row)
    database.insert(rows)


def check_workspace(workspace, missing, dialect, spark=None, loader=load):
    icp_files = sorted(workspace.glob("*.icp.*"))
    database = Database(dialect, spark)
    try:
        compare(database, workspace, icp_files, missing, loader)
    finally:
        database.close()


def compare(database, workspace, icp_files, missing, loader=load):
    loader(database, workspace, icp_files[0], missing)
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


def test_spark_agrees_with_the_engine_on_the_messy_fixture(spark_session):
    check_workspace(FIXTURES / "datasets" / "messy", ["N/A", "-"], "spark", spark_session)


def test_spark_agrees_with_the_engine_on_a_generated_workspace(sample, spark_session):
    check_workspace(sample, ["N/A", "-"], "spark", spark_session)


# Exports written the ways spreadsheets and CRMs write them (fixtures/exports): money, a unit in
# the header, bands, day-first dates, yes/no words and letters, JSON and Python list cells, a
# decimal comma. Loaded from `icp columns`' typed table, the SQL must agree with the engine.
EXPORT_SHAPES = ["money", "units-millions", "bands", "dates-dots", "yes-no", "flags-letters", "python-lists", "semicolon-decimal-comma"]


def export_workspace(folder, shape):
    """A copy of the shape's workspace whose ICP is live, so that it assigns codes."""
    workspace = folder / shape
    shutil.copytree(FIXTURES / "exports" / shape, workspace, ignore=shutil.ignore_patterns(".icp-cache"))
    icp_file = workspace / "shape.icp.yaml"
    icp_file.write_text(icp_file.read_text(encoding="utf-8").replace("icp: shape\n", "icp: shape\nstatus: live\n", 1), encoding="utf-8")
    return workspace


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
@pytest.mark.parametrize("shape", EXPORT_SHAPES)
def test_sql_agrees_with_the_engine_on_real_export_shapes(tmp_path, shape, dialect):
    check_workspace(export_workspace(tmp_path, shape), [], dialect, loader=load_typed)


def test_spark_agrees_with_the_engine_on_real_export_shapes(tmp_path, spark_session):
    for shape in EXPORT_SHAPES:
        check_workspace(export_workspace(tmp_path, shape), [], "spark", spark_session, loader=load_typed)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "snowflake", "bigquery", "spark"])
def test_every_dialect_parses(dialect):
    for icp_file in sorted((FIXTURES / "datasets" / "messy").glob("*.icp.yaml")):
        for extra in ([], ["--schema"], ["--workspace-codes"]):
            sql = icp("sql", str(icp_file), "--dialect", dialect, *extra)
            sqlglot.parse(sql, read=dialect)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "spark"])
def test_quotes_in_values_and_names_cannot_break_out(tmp_path, dialect, request):
    (tmp_path / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\n")
    # A quote, a comment marker and a backslash at the end (which Spark reads as an escape) in the
    # value. (A line break in a value is a `schema` error: see test_sql_escaping.py.)
    (tmp_path / "accounts.csv").write_text('id,"odd ""name""",x\n1,"it\'s; DROP TABLE accounts; -- next\\",a\n')
    (tmp_path / "q.icp.yaml").write_text("icp: q\nstatus: live\nparameters:\n  - field: 'odd \"name\"'\n    mode: filter\n    is: \"it's; DROP TABLE accounts; -- next\\\\\"\n")
    database = Database(dialect, request.getfixturevalue("spark_session") if dialect == "spark" else None)
    try:
        load(database, tmp_path, tmp_path / "q.icp.yaml", [])
        rows = database.rows(icp("sql", str(tmp_path / "q.icp.yaml"), "--dialect", dialect))
        assert [(float(row[0]), row[1], float(row[2]), row[3]) for row in rows] == [(1.0, True, 100.0, None)]
    finally:
        database.close()
    for dialect in ["snowflake", "bigquery"]:
        sqlglot.parse(icp("sql", str(tmp_path / "q.icp.yaml"), "--dialect", dialect), read=dialect)


def test_spark_reads_a_parquet_path_as_it_reads_the_table(tmp_path, spark_session):
    """`--table parquet:PATH` queries files in place: the same rows as the catalog table they hold."""
    workspace = FIXTURES / "datasets" / "messy"
    icp_file = sorted(workspace.glob("*.icp.yaml"))[-1]
    database = Database("spark", spark_session)
    try:
        load(database, workspace, icp_file, ["N/A", "-"])
        from_table = sorted(database.rows(icp("sql", str(icp_file), "--dialect", "spark")))
        path = tmp_path / "accounts.parquet"
        spark_session.table("accounts").write.parquet(str(path))
        from_files = sorted(database.rows(icp("sql", str(icp_file), "--dialect", "spark", "--table", f"parquet:{path}")))
        assert from_files == from_table and any(row[1] for row in from_table)
    finally:
        database.close()
