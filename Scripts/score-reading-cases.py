#!/usr/bin/env python3
"""Scores `icp`'s reading of data files against a folder of cases written by someone else (the
blind cases of Documentation/robustness.md, "Reading real exports").

Each case is a folder with a data file (`accounts.csv`, `.tsv` or `.txt`), a `case.yaml` and,
when the case is about a setting, an `icp.workspace.yaml`. `case.yaml` says either `outcome:
read`, with the rows, some cells of some columns (type, unit, canonical values) and
optionally an ICP and the number of rows it qualifies; or `outcome: ask`, with words the
tool's message must contain (`ask_mentions`).

For every case the script runs, in a copy of the folder, `icp columns --format json`,
`icp columns --rows all --format jsonl`, `icp columns` (text), `icp check` and, with an ICP,
`icp preview --format json`, and sorts the case into:
  right    read as the case says (or, for an ask case, the message names what it must);
  refused  an honest refusal: the tool stopped, or asked about a column the case reads;
  wrong    a silent wrong: a value, type, row count or qualified count differs and nothing
           was said about it, or an ask case read without the words it needed.

Usage: Scripts/score-reading-cases.py CASES_FOLDER [--icp .build/release/icp] [--verbose]
"""
import argparse, json, math, os, pathlib, shutil, subprocess, sys, tempfile

try:
    import yaml
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "PyYAML"], check=True)
    import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser()
parser.add_argument("cases")
parser.add_argument("--icp", default=str(ROOT / ".build" / "release" / "icp"))
parser.add_argument("--verbose", action="store_true")
parser.add_argument("--only", default=None, help="run the cases whose id holds this text")
args = parser.parse_args()


def run(*command, cwd):
    done = subprocess.run([args.icp, *command], cwd=cwd, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def same_number(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def same_value(kind, expected, actual):
    if expected is None:
        return actual is None
    if actual is None:
        return False
    if kind == "number":
        return isinstance(actual, (int, float)) and same_number(expected, actual)
    if kind == "range":
        return isinstance(actual, list) and len(actual) == 2 and all(same_number(e, a) for e, a in zip(expected, actual))
    if kind == "list":
        return isinstance(actual, list) and [str(x).strip() for x in actual] == [str(x).strip() for x in expected]
    if kind == "boolean":
        return actual is expected
    return str(actual).strip() == str(expected).strip()


def score(case_dir):
    case = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    data_file = next(p.name for p in case_dir.iterdir() if p.name.startswith("accounts."))
    work = pathlib.Path(tempfile.mkdtemp(prefix="icp-case-"))
    try:
        for item in case_dir.iterdir():
            if item.name != "case.yaml":
                shutil.copy(item, work / item.name)
        if not (work / "icp.workspace.yaml").exists():
            (work / "icp.workspace.yaml").write_text(f"datasets:\n  accounts: {data_file}\n", encoding="utf-8")
        code, out, err = run("columns", "--format", "json", ".", cwd=work)
        _, text_out, text_err = run("columns", ".", cwd=work)
        said = out + err + text_out + text_err
        if case.get("icp"):
            (work / "case.icp.yaml").write_text(case["icp"], encoding="utf-8")
        _, check_out, check_err = run("check", ".", cwd=work)
        said += check_out + check_err
        if case["outcome"] == "ask":
            missing = [word for word in case.get("ask_mentions", []) if word.lower() not in said.lower()]
            return ("right", "") if not missing else ("wrong", f"read without saying {missing}")
        if code != 0:
            return "refused", (err.strip().splitlines() or ["no message"])[-1][:300]
        described = json.loads(out)
        columns = {column["name"]: column for column in described["columns"]}
        problems = []
        asked = []
        if described["rows"] != case["rows"]:
            problems.append(f"rows {described['rows']} != {case['rows']}")
        _, rows_out, rows_err = run("columns", "--rows", "all", "--format", "jsonl", ".", cwd=work)
        records = [json.loads(line) for line in rows_out.splitlines() if line.strip()]
        for column in case.get("columns", []):
            name, kind = column["name"], column["type"]
            found = columns.get(name)
            if found is None:
                problems.append(f"no column {name!r} (columns: {list(columns)[:8]})")
                continue
            if found["questions"]:
                asked.append(f"{name}: {found['questions'][0]['message'][:160]}")
            if found["type"] != kind:
                problems.append(f"{name}: type {found['type']} != {kind}")
                continue
            if kind == "text" and f"`{name}` looks like a list" in said:
                problems.append(f"{name}: suggested as a list")
            if "unit" in column:
                unit = found.get("unit") or {}
                if column["unit"] == 0.01:
                    if not unit.get("percent"):
                        problems.append(f"{name}: not read as percent")
                elif not same_number(unit.get("scale", 1), column["unit"]):
                    problems.append(f"{name}: unit {unit.get('scale')} != {column['unit']}")
            for row, expected in column.get("values", {}).items():
                row = int(row)
                actual = records[row].get(name) if row < len(records) else "<no row>"
                if not same_value(kind, expected, actual):
                    problems.append(f"{name}[{row}]: {actual!r} != {expected!r}")
                    break
        if case.get("icp") and case.get("qualified") is not None:
            _, preview_out, preview_err = run("preview", "--format", "json", "case.icp.yaml", cwd=work)
            try:
                qualified = json.loads(preview_out)[0]["qualified"]
            except Exception:
                qualified = None
                problems.append(f"no preview: {preview_err.strip()[:200]}")
            if qualified is not None and qualified != case["qualified"]:
                problems.append(f"qualified {qualified} != {case['qualified']}")
        if not problems:
            return "right", ""
        if asked:
            return "refused", "asked: " + "; ".join(asked)[:300]
        return "wrong", "; ".join(problems)[:400]
    finally:
        shutil.rmtree(work, ignore_errors=True)


folder = pathlib.Path(args.cases)
results = {}
for case_dir in sorted(p for p in folder.iterdir() if (p / "case.yaml").exists()):
    if args.only and args.only not in case_dir.name:
        continue
    verdict, detail = score(case_dir)
    results[case_dir.name] = (verdict, detail)
    if args.verbose or verdict != "right":
        print(f"{verdict:8} {case_dir.name}  {detail}", flush=True)
counts = {verdict: sum(1 for v, _ in results.values() if v == verdict) for verdict in ("right", "refused", "wrong")}
print(f"\n{len(results)} cases: {counts['right']} right, {counts['refused']} honest refusals, {counts['wrong']} silent wrongs")
