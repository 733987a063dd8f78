"""Outputs strangers read, fed values strangers wrote: each output escaped for what reads it.

- CSV (`icp score`, `icp list`) read back by Python's `csv`: one row per account whatever its
  key holds (CRLF, quotes, commas), and cells a spreadsheet would run as formulas (`=`, `+`,
  `-`, `@`) written with a leading `'` (OWASP), plain numbers as they are, `--raw-csv` as given.
- The pull-request comment (`icp diff --format markdown`) rendered by GitHub's own renderer
  (cmark-gfm): no element, link or mention comes from a file name, an ICP value, a data value
  or the definition, and every `<details>` it opens it closes.
"""
import csv
import html.parser
import io
import os
import pathlib
import subprocess

import pytest

from conftest import ICP

HOSTILE_KEYS = [
    "plain-1",
    "two\r\nlines",
    'quote "inside", comma',
    "=HYPERLINK(\"http://example.com\",\"x\")",
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "-12.5",
]


def run(folder, *arguments, input=None):
    return subprocess.run([ICP, *arguments], cwd=folder, capture_output=True, input=input, timeout=120)


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture()
def hostile_workspace(tmp_path):
    rows = ["id,industry,employees"]
    for index, key in enumerate(HOSTILE_KEYS):
        rows.append(",".join([csv_field(key), "Software", str(100 + index)]))
    (tmp_path / "accounts.csv").write_bytes(("\n".join(rows) + "\n").encode())
    (tmp_path / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\nkeys:\n  account_id: id\n")
    (tmp_path / "all.icp.yaml").write_text(
        "icp: all\nstatus: live\nparameters:\n  - field: industry\n    mode: filter\n    is: Software\n")
    return tmp_path


def read_back(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_guarded(key):
    starts = ("=", "+", "-", "@", "\t", "\r", "\n")
    number = key.lstrip("+-").replace(".", "", 1).isdigit()
    return "'" + key if key.startswith(starts) and not number else key


@pytest.mark.parametrize("command", [["score", "--format", "csv"], ["list", "all.icp.yaml", "--format", "csv"]])
def test_csv_output_reads_back_one_row_per_account(hostile_workspace, command):
    result = run(hostile_workspace, *command)
    assert result.returncode == 0, result.stderr
    rows = read_back(result.stdout.decode())
    assert len(rows) == 1 + len(HOSTILE_KEYS), rows
    key_column = rows[0].index("id")
    assert sorted(row[key_column] for row in rows[1:]) == sorted(expected_guarded(key) for key in HOSTILE_KEYS)

    raw = run(hostile_workspace, *command, "--raw-csv")
    assert raw.returncode == 0, raw.stderr
    raw_rows = read_back(raw.stdout.decode())
    assert sorted(row[key_column] for row in raw_rows[1:]) == sorted(HOSTILE_KEYS)


def test_csv_output_file_is_the_same(hostile_workspace):
    result = run(hostile_workspace, "score", "--out", "scored.csv")
    assert result.returncode == 0, result.stderr
    rows = read_back((hostile_workspace / "scored.csv").read_bytes().decode())
    assert len(rows) == 1 + len(HOSTILE_KEYS)


class Elements(html.parser.HTMLParser):
    """Every element's tag, and the text outside `<code>`/`<pre>` (where GitHub links mentions)."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.closed = []
        self.depth = 0
        self.prose = []

    def handle_starttag(self, tag, attributes):
        self.tags.append(tag)
        if tag in ("code", "pre"):
            self.depth += 1

    def handle_endtag(self, tag):
        self.closed.append(tag)
        if tag in ("code", "pre"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth == 0:
            self.prose.append(data)


def git(folder, *arguments):
    subprocess.run(["git", "-c", "user.email=a@example.com", "-c", "user.name=A", *arguments], cwd=folder, check=True, capture_output=True)


@pytest.fixture()
def hostile_review(tmp_path):
    """A repository whose ICP file name, values, data values and definition carry markup; the
    working tree widens the ICP so the hostile rows are added."""
    rows = ["id,industry,note"]
    hostile_values = ["</details><img src=x onerror=alert(1)> @octocat #1", "```\n# Heading", "[link](http://example.com) <script>x</script>", "a|b|c"]
    for index, value in enumerate(hostile_values):
        rows.append(",".join([csv_field(f"<b>key{index}</b> @octocat"), "Bad", csv_field(value)]))
    rows.append("ok-1,Good,fine")
    (tmp_path / "accounts.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\nkeys:\n  account_id: id\n")
    name = "odd `name` <i>x @octocat.icp.yaml"
    definition = ("# ``` closes a fence?\n# </details>\nicp: odd\nstatus: live\nname: \"<img src=x> @octocat\"\nparameters:\n"
                  "  - field: industry\n    mode: filter\n    in: [Good, \"<img src=y> @octocat\"]\n"
                  "  - field: note\n    mode: score\n    contains_any: [\"```\", \"</details>\"]\n")
    (tmp_path / name).write_text(definition)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "<img src=z> @octocat ``` subject")
    (tmp_path / name).write_text(definition.replace("in: [Good,", "in: [Good, Bad,"))
    return tmp_path


def test_review_comment_holds_no_markup_from_its_inputs(hostile_review):
    import cmarkgfm
    from cmarkgfm.cmark import Options

    result = run(hostile_review, "diff", "--format", "markdown", "--sample", "all")
    assert result.returncode == 0, result.stderr
    comment = result.stdout.decode()
    assert "added" in comment
    rendered = cmarkgfm.github_flavored_markdown_to_html(comment, options=Options.CMARK_OPT_UNSAFE)
    elements = Elements()
    elements.feed(rendered)
    allowed = {"h3", "h4", "p", "strong", "em", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
               "details", "summary", "blockquote", "br"}
    assert set(elements.tags) <= allowed, sorted(set(elements.tags) - allowed)
    assert elements.tags.count("details") == elements.closed.count("details")
    assert elements.tags.count("pre") == elements.closed.count("pre") >= 1
    prose = "".join(elements.prose)
    assert "@octocat" not in prose, "a mention would notify someone"
    assert "#1" not in prose, "an issue reference would be linked"
    # Each hostile data value is in the comment, whole, as text.
    assert "onerror=alert(1)" in rendered
