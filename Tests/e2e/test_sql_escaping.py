"""Property test of `icp sql`'s quoting: for random texts full of quotes, backslashes, line
breaks and NULs, the string literal and the identifier that sqlglot reads back from the
generated SQL, in each dialect, are exactly the value and the column name given. A literal
that a value could break out of (as a backslash once could in Snowflake, BigQuery and Spark)
reads back as something else, and fails here."""
import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import ICP

sqlglot = pytest.importorskip("sqlglot")
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

DIALECTS = ["duckdb", "postgres", "snowflake", "bigquery", "spark"]
# Characters that matter to SQL quoting, with plain ones between them.
ALPHABET = st.sampled_from(list("aB z;-()") + ["'", '"', "\\", "`", "\n", "\r", "\t", "\0", "é", "--", "\\'", "''", "/*"])
TEXT = st.lists(ALPHABET, min_size=1, max_size=12).map("".join)
# ICP values cannot hold control characters (a `schema` error), so values are drawn without them.
VALUE_ALPHABET = st.sampled_from(list("aB z;-()") + ["'", '"', "\\", "`", "é", "--", "\\'", "''", "/*", "\u2028"])
VALUE = st.lists(VALUE_ALPHABET, min_size=1, max_size=12).map("".join)


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def run_sql(tmp, name, value, dialect):
    """`icp sql` of a one-parameter ICP testing column `name` for `value`: the finished process."""
    (tmp / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\n")
    (tmp / "accounts.csv").write_text("id," + csv_field(name) + "\n1,x\n")
    icp_file = tmp / "p.icp.json"
    icp_file.write_text(json.dumps({"icp": "p", "status": "live",
                                    "parameters": [{"field": name, "mode": "filter", "is": value}]}))
    # Bytes, not text mode: universal newlines would turn a carriage return into a line feed.
    return subprocess.run([ICP, "sql", str(icp_file), "--dialect", dialect], capture_output=True)


def compiled(tmp, name, value, dialect):
    """The SQL of a one-parameter ICP testing column `name` for `value`."""
    result = run_sql(tmp, name, value, dialect)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


def strings_and_names(sql, dialect):
    tree = sqlglot.parse_one(sql, read=dialect)
    literals = {node.this for node in tree.find_all(sqlglot.exp.Literal) if node.is_string}
    names = {node.this for node in tree.find_all(sqlglot.exp.Identifier)}
    return literals, names


@pytest.mark.parametrize("dialect", DIALECTS)
@settings(max_examples=60, deadline=None)
@given(name=TEXT, value=VALUE)
def test_values_and_names_read_back_exactly(dialect, name, value):
    name = name.strip(" \t\r\n")
    # Text compares trimmed and lowercased, so the literal holds the value in that form.
    # (Python's strip() and icp both trim every kind of white space, U+2028 included.)
    expected = value.strip().lower()
    if not name or not expected or name == "id":
        return
    with tempfile.TemporaryDirectory() as folder:
        if "\0" in name and dialect != "bigquery":
            # Only BigQuery's identifiers take an escape (`\u0000`); elsewhere a NUL would be
            # written raw, which ends the line for C clients: `icp sql` refuses and prints nothing.
            result = run_sql(Path(folder), name, value, dialect)
            assert result.returncode == 1 and result.stdout == b"" and b"NUL" in result.stderr, result
            return
        sql = compiled(Path(folder), name, value, dialect)
    literals, names = strings_and_names(sql, dialect)
    assert expected in literals, (sql, literals)
    assert name in names, (sql, names)


@pytest.mark.parametrize("dialect", ["snowflake", "bigquery", "spark"])
def test_a_trailing_backslash_cannot_end_the_literal(tmp_path, dialect):
    """The report's attack: `in: ["a\\\\", ") or true, false) as p0 --"]` made every row pass in Snowflake."""
    (tmp_path / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\n")
    (tmp_path / "accounts.csv").write_text("id,industry\n1,x\n")
    icp_file = tmp_path / "p.icp.yaml"
    icp_file.write_text('icp: p\nparameters:\n  - field: industry\n    mode: filter\n    in: ["a\\\\", ") or true, false) as p0 --"]\n')
    sql = subprocess.run([ICP, "sql", str(icp_file), "--dialect", dialect], capture_output=True, text=True, check=True).stdout
    literals, _ = strings_and_names(sql, dialect)
    assert {"a\\", ") or true, false) as p0 --"} <= literals, sql


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("value", ["a\0'; DROP TABLE t; --", "tab\there", "line\nbreak", "c1\u0085x"])
def test_a_control_character_in_a_value_is_a_schema_error_and_no_sql(tmp_path, dialect, value):
    """The report's attack: a NUL inside a literal ends the line for `psql -f`, which then ran
    the rest (`DROP TABLE`) as a statement of its own, even with ON_ERROR_STOP."""
    result = run_sql(tmp_path, "industry", value, dialect)
    assert result.returncode == 1 and result.stdout == b"", result
    check = subprocess.run([ICP, "check", str(tmp_path / "p.icp.json")], capture_output=True, text=True)
    assert check.returncode == 1 and "control character" in check.stdout and "[schema]" in check.stdout, check.stdout
