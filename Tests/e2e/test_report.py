"""`icp report`: the page a sales leader reads, checked as that reader's browser sees it.

The HTML is rendered by headless Chromium (Debian's `chromium`, installed by `.ci/run`) to a PNG
that must not be blank; the page must name no network address and draw one SVG per chart; every
count and percentage in its visible text must be a figure of `--format json`, and that JSON must
carry `icp preview --format json`'s figures under the same keys.
"""
import hashlib
import html
import html.parser
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import zlib

import pytest

from conftest import FIXTURES, ICP, ROOT

# A workspace on the built-in sample (three ICPs, tiers, outcomes), the overlap fixture (two
# live ICPs sharing accounts), and the messy CSV export (data files with hashes, odd headers).
CASES = [
    (FIXTURES / "icps", []),
    (FIXTURES / "overlap", []),
    (FIXTURES / "datasets" / "messy", []),
]


def run(folder, *arguments):
    return subprocess.run([ICP, *arguments], cwd=folder, capture_output=True, text=True, timeout=120)


def report(folder, *extra):
    page = run(folder, "report", *extra)
    assert page.returncode == 0, page.stderr
    figures = run(folder, "report", "--format", "json", *extra)
    assert figures.returncode == 0, figures.stderr
    return page.stdout, json.loads(figures.stdout)


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees, axis ticks aside (`class="tick"`: scale, not figures), and the
    `<title>`/`<desc>` a screen reader reads, which must hold the same figures."""

    def __init__(self):
        super().__init__()
        self.parts = []
        self.skipping = 0
        self.stack = []

    # Inline elements continue the text around them (a `<code>` span inside a sentence); any
    # other element starts and ends a piece of its own.
    INLINE = {"code", "span", "a", "b", "strong", "em", "br"}

    def handle_starttag(self, tag, attributes):
        skip = tag in ("style",) or ("class", "tick") in attributes
        if tag not in self.INLINE:
            self.parts.append("\n")
        if tag == "br":
            return
        self.stack.append(skip)
        if skip:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag == "br":
            return
        if self.stack and self.stack.pop():
            self.skipping -= 1
        if tag not in self.INLINE:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(page):
    parser = VisibleText()
    parser.feed(page)
    return "".join(parser.parts)


def as_read(string):
    """A message as the page shows it: code spans without their backticks, sentence by sentence
    (a sentence naming a command is set on a line of its own)."""
    plain = string.replace("`", "")
    return [plain] + [piece for piece in re.split(r"(?<=\.) |\(|\)", plain) if len(piece) > 3]


def strings_and_numbers(value, strings, numbers):
    if isinstance(value, dict):
        for key, item in value.items():
            strings.add(key)
            strings_and_numbers(item, strings, numbers)
    elif isinstance(value, list):
        for item in value:
            strings_and_numbers(item, strings, numbers)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, (int, float)):
        numbers.append(value)
    elif isinstance(value, str):
        strings.add(value)


def percent(value, digits=1):
    """The page's rounding: half away from zero."""
    scaled = abs(value) * 100 * 10**digits
    rounded = int(scaled + 0.5 + 1e-9)
    text = f"{rounded // 10**digits}.{rounded % 10**digits:0{digits}d}" if digits else str(rounded)
    return f"{'-' if value < 0 and rounded else ''}{text}%"


@pytest.mark.parametrize("folder,extra", CASES, ids=[case[0].name for case in CASES])
def test_every_figure_on_the_page_is_a_figure_of_the_json(folder, extra):
    page, figures = report(folder, *extra)
    strings, numbers = set(), []
    strings_and_numbers(figures, strings, numbers)
    text = visible_text(page)
    # Text the JSON holds whole (messages, reasons, names, paths) may quote any number; the
    # figures are what is left.
    for string in sorted({read for string in strings for read in as_read(string)}, key=len, reverse=True):
        if len(string) > 3:
            text = text.replace(string, " ")
    integers = {int(number) for number in numbers if float(number).is_integer()}
    percents = {percent(number) for number in numbers if isinstance(number, float) or number in (0, 1)}
    counts = re.findall(r"(?<![\w.,\-–%])(\d{1,3}(?:,\d{3})*|\d+)(?![\w.,%\-–])", text)
    shares = re.findall(r"(?<![\w.])(\d+\.\d%)", text)
    assert counts and shares, text
    unknown_counts = [count for count in counts if int(count.replace(",", "")) not in integers]
    unknown_shares = [share for share in shares if share not in percents]
    assert not unknown_counts, f"counts on the page that the JSON does not hold: {unknown_counts}"
    assert not unknown_shares, f"percentages on the page that the JSON does not hold: {unknown_shares}"
    # The headline tiles show the preview's figures.
    for entry in figures["icps"]:
        assert f"{entry['qualified']:,}" in page
        assert percent(entry["share"]) in page
        if entry.get("win_rate") is not None:
            assert percent(entry["win_rate"]) in page


@pytest.mark.parametrize("folder,extra", CASES, ids=[case[0].name for case in CASES])
def test_the_json_carries_the_preview_figures_under_the_same_keys(folder, extra):
    _, figures = report(folder, *extra)
    preview = run(folder, "preview", "--format", "json")
    assert preview.returncode == 0, preview.stderr
    rows = json.loads(preview.stdout)
    assert [entry["icp"] for entry in figures["icps"]] == [row["icp"] for row in rows]
    for entry, row in zip(figures["icps"], rows):
        for key, value in row.items():
            assert entry[key] == value, f"{row['icp']}: {key}"


@pytest.mark.parametrize("folder,extra", CASES, ids=[case[0].name for case in CASES])
def test_the_page_is_self_contained_with_one_svg_per_chart(folder, extra):
    page, figures = report(folder, *extra)
    lowered = page.lower()
    assert not re.search(r"[a-z][a-z0-9+.-]*://", lowered), "a network address"
    assert "<script" not in lowered and "<link" not in lowered and "<img" not in lowered and "@import" not in lowered
    assert not re.search(r"\b(src|srcset|action|poster|data)\s*=", lowered)
    assert all(target.startswith("#") for target in re.findall(r'href="([^"]*)"', page))
    assert all(target.startswith("#") for target in re.findall(r"url\(([^)]*)\)", page))
    charts = re.findall(r'<svg[^>]*data-chart="([^"]+)"[^>]*data-icp="([^"]*)"', page)
    assert len(charts) == page.count("<svg")
    for entry in figures["icps"]:
        expected = ["funnel"]
        if "win_rate" in entry:
            expected += ["win-rate", "mix"]
        expected.append("scores")
        if entry["charts"]["gains"] is not None:
            expected.append("gains")
        if any(field["candidates"] > 0 for field in entry["enrichment"]):
            expected.append("enrichment")
        assert [kind for kind, code in charts if html.unescape(code) == entry["icp"]] == expected, entry["icp"]
    # Each chart names itself to a screen reader.
    for svg in re.findall(r"<svg.*?</svg>", page, re.S):
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg) and re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
        assert 'role="img"' in svg
    # The overlap matrix appears where a dataset has several ICPs.
    assert ("<h2>Overlap</h2>" in page) == bool(figures["overlap"])


def test_the_reproduction_header_hashes_the_inputs():
    folder = FIXTURES / "datasets" / "messy"
    _, figures = report(folder)
    reproduction = figures["reproduction"]
    assert {item["path"] for item in reproduction["data"]} == {"accounts.csv", "contacts.csv"}
    for item in reproduction["data"] + reproduction["definitions"]:
        content = (folder / item["path"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(content).hexdigest()
        assert item["bytes"] == len(content)
    assert reproduction["as_of"] == ["2026-11-01"]
    version = run(folder, "--version").stdout.strip()  # icp 0.1.0 (built from source), or (commit ...)
    number, _, build = reproduction["tool_version"].partition(" ")
    assert version.startswith(f"icp {number} ") and (build == "" or build in version)


def test_sensitive_leaves_account_keys_and_names_out():
    folder = FIXTURES / "icps"
    _, open_figures = report(folder)
    page, hidden = report(folder, "--sensitive")
    shown = [account for entry in open_figures["icps"] for account in entry["charts"]["won_outside_sample"]]
    assert shown and all(account["key"] and account["name"] for account in shown)
    for account in shown:
        assert account["key"] not in page and html.escape(account["name"]) not in page
    assert all(account["key"] is None and account["name"] is None
               for entry in hidden["icps"] for account in entry["charts"]["won_outside_sample"])


def test_out_writes_the_page_and_never_replaces_an_input(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(FIXTURES / "datasets" / "messy", workspace)
    written = run(workspace, "report", "--out", "report.html")
    assert written.returncode == 0, written.stderr
    assert (workspace / "report.html").read_text().startswith("<!DOCTYPE html>")
    before = (workspace / "accounts.csv").read_bytes()
    refused = run(workspace, "report", "--out", "accounts.csv")
    assert refused.returncode == 1 and "accounts.csv" in refused.stderr
    assert (workspace / "accounts.csv").read_bytes() == before


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def png_pixels(data):
    """Width, height and rows of grey levels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            chunks += body
    raw = zlib.decompress(chunks)
    channels = 3 if colour == 2 else 4
    stride = width * channels
    previous = bytearray(stride)
    rows, offset = [], 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + ((left + up) >> 1)) & 255
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))[2]
                line[x] = (line[x] + near) & 255
        rows.append([sum(line[x:x + 3]) // 3 for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


@pytest.mark.skipif(chromium() is None and not os.environ.get("ICP_CHROMIUM"), reason="no Chromium here (.ci/run installs Debian's)")
def test_chromium_renders_the_report(tmp_path):
    page, _ = report(FIXTURES / "icps")
    target = tmp_path / "report.html"
    target.write_text(page)
    picture = tmp_path / "report.png"
    browser = chromium()
    assert browser, "ICP_CHROMIUM is set but no Chromium is installed"
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1600",
                             f"--screenshot={picture}", target.as_uri()], capture_output=True, text=True, timeout=120)
    assert picture.exists(), result.stderr[-2000:]
    width, height, rows = png_pixels(picture.read_bytes())
    assert (width, height) == (1000, 1600)
    levels = [level for row in rows[::4] for level in row[::4]]
    dark = sum(1 for level in levels if level < 100) / len(levels)
    assert 0.01 < dark < 0.5, f"{dark:.3f} of the page is dark: blank or black"
    # Ink in the upper and the lower half: the headline and the charts both drew.
    half = len(rows) // 2
    assert any(level < 100 for row in rows[:half] for level in row)
    assert any(level < 100 for row in rows[half:] for level in row)


@pytest.mark.skipif(chromium() is None and not os.environ.get("ICP_CHROMIUM"), reason="no Chromium here (.ci/run installs Debian's)")
def test_the_readme_picture_is_the_report_as_it_is_now(tmp_path):
    """Documentation/report.png is what Scripts/report-screenshot.sh renders today: a change to
    the page that leaves the README's picture behind fails here (run the script to refresh it)."""
    picture = tmp_path / "report.png"
    result = subprocess.run(["sh", str(ROOT / "Scripts" / "report-screenshot.sh"), str(picture)], capture_output=True, text=True,
                            timeout=180, env={**os.environ, "ICP_BINARY": ICP})
    assert picture.exists(), result.stderr[-2000:]
    width, height, rows = png_pixels(picture.read_bytes())
    committed_width, committed_height, committed = png_pixels((ROOT / "Documentation" / "report.png").read_bytes())
    assert (width, height) == (committed_width, committed_height) == (1000, 1760)
    # Font hinting may move a few pixels between runs; a changed page moves many.
    changed = sum(1 for row, old in zip(rows[::2], committed[::2]) for level, was in zip(row[::2], old[::2]) if abs(level - was) > 64)
    assert changed / (len(rows[::2]) * len(rows[0][::2])) < 0.002, f"{changed} sampled pixels differ: run Scripts/report-screenshot.sh"
