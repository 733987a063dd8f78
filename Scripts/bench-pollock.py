#!/usr/bin/env python3
"""icp's reader on the Pollock data-loading benchmark (Vitagliano et al., "Pollock: A Data
Loading Benchmark", VLDB 2023; github.com/HPI-Information-Systems/Pollock), scored with
Pollock's own metrics, beside DuckDB's sniffer run the way Pollock runs it, in one run.

Pollock has 2,289 polluted CSV files (and its source file), each with a clean version. A
system loads each file; its table, written as CSV, is compared with the clean one: whether the
load succeeded, and precision, recall and F1 of the header, the records and the cells (Pollock's
`pollock/metrics.py`, imported from the checkout). The simple score is the sum of the ten
means (at most 10); the weighted score weights each file by how often its pollution occurs in
the survey of real files (`pollock_weights.json`), exactly as Pollock's `evaluate.py` does.

Systems, all in automatic mode (no delimiter, quote or header given):
  icp            `icp columns --rows all --format csv --values written --raw-csv` on a
                 workspace naming the file, rows that do not fit stopping the read (the default);
  icp-keep       the same with `bad_rows: keep` (rows that do not fit kept, fitted to the header);
  duckdb-auto    `duckdb.read_csv(file, strict_mode=False, ignore_errors=True, null_padding=True)`,
                 written with pandas' `to_csv(index=False)`: Pollock's `sut/duckdbauto` script;
and, when the checkout holds them, the published outputs of pandas and CleverCSV re-scored, to
show the scoring reproduces Pollock's published figures.

Pollock's files stay out of this repository (the benchmark has no licence file): give a local
checkout. Usage:
  Scripts/bench-pollock.py --pollock /path/to/Pollock [--icp .build/release/icp] [--out /tmp/icp-pollock] [--only icp,duckdb-auto]
"""
import argparse, json, multiprocessing, os, pathlib, shutil, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser()
parser.add_argument("--pollock", required=True)
parser.add_argument("--icp", default=str(ROOT / ".build" / "release" / "icp"))
parser.add_argument("--out", default="/tmp/icp-pollock")
parser.add_argument("--only", default=None, help="comma-separated systems to run")
parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
args = parser.parse_args()

for package, version in [("multiset", "3.0.1"), ("chardet", "4.0.0"), ("joblib", "1.4.2"), ("price_parser", "0.3.4"), ("pandas", "2.3.3"), ("duckdb", "1.4.1")]:
    try:
        __import__(package)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"{package.replace('_', '-')}=={version}"], check=True)

POLLOCK = pathlib.Path(args.pollock).resolve()
sys.path.insert(0, str(POLLOCK))
import pollock.metrics as metrics  # noqa: E402

CSV_DIR = POLLOCK / "polluted_files" / "csv"
CLEAN_DIR = POLLOCK / "polluted_files" / "clean"
FILES = sorted(f for f in os.listdir(CSV_DIR) if f.endswith(".csv"))
OUT = pathlib.Path(args.out)
MEASURES = ["success", "header_precision", "header_recall", "header_f1", "record_precision", "record_recall", "record_f1",
            "cell_precision", "cell_recall", "cell_f1"]


def load_icp(name, keep):
    """One file through icp: a workspace naming it, `icp columns` writing the table as read."""
    target = OUT / ("icp-keep" if keep else "icp") / f"{name}_converted.csv"
    with tempfile.TemporaryDirectory(prefix="icp-pollock-") as folder:
        shutil.copy(CSV_DIR / name, pathlib.Path(folder) / "accounts.csv")
        entry = "{path: accounts.csv, bad_rows: keep}" if keep else "accounts.csv"
        (pathlib.Path(folder) / "icp.workspace.yaml").write_text(f"datasets:\n  accounts: {entry}\n", encoding="utf-8")
        done = subprocess.run([args.icp, "columns", "--rows", "all", "--format", "csv", "--values", "written", "--raw-csv", "--no-cache", folder],
                              capture_output=True, timeout=120)
    if done.returncode != 0:
        target.write_text("Application Error\n" + done.stderr.decode("utf-8", "replace"), encoding="utf-8")
    else:
        target.write_bytes(done.stdout)


def load_duckdb(name):
    import duckdb
    target = OUT / "duckdb-auto" / f"{name}_converted.csv"
    try:
        connection = duckdb.connect()
        frame = connection.read_csv(str(CSV_DIR / name), strict_mode=False, ignore_errors=True, null_padding=True).df()
        frame.to_csv(target, index=False)
    except Exception as error:  # a failed load scores zero, as in Pollock
        target.write_text(f"Application Error\n{error}", encoding="utf-8")


def run(system, name):
    if system == "icp":
        load_icp(name, keep=False)
    elif system == "icp-keep":
        load_icp(name, keep=True)
    elif system == "duckdb-auto":
        load_duckdb(name)


def measure(item):
    """Pollock's evaluate_single_file: success, then the nine header/record/cell measures."""
    folder, name = item
    loaded = str(folder / f"{name}_converted.csv")
    try:
        success = metrics.successful_csv(loaded)
        values = metrics.header_record_cell_measures_csv(str(CLEAN_DIR / name), loaded, 1) if success else [0] * 9
    except Exception:
        success, values = 0, [0] * 9
    return name, [float(success)] + [float(v) for v in values]


def score(folder, pool):
    rows = dict(pool.map(measure, [(folder, name) for name in FILES], chunksize=8))
    means = [sum(rows[name][i] for name in FILES) / len(FILES) for i in range(len(MEASURES))]
    weights = json.loads((POLLOCK / "pollock_weights.json").read_text())
    raw = {name: weights.get(name, -1) for name in FILES}
    total = sum(raw.values())
    weighted = sum(sum(rows[name]) * raw[name] / total for name in FILES)
    return sum(means), weighted, dict(zip(MEASURES, means))


def main():
    systems = ["icp", "icp-keep", "duckdb-auto"]
    published = {"pandas": ("results/pandas/polluted_files/loading", 9.895, 9.431), "clevercs": ("results/clevercs/polluted_files/loading", 9.193, 9.453)}
    wanted = set(args.only.split(",")) if args.only else set(systems) | set(published)
    results = {}
    with multiprocessing.Pool(args.jobs) as pool:
        for system in systems:
            if system not in wanted:
                continue
            (OUT / system).mkdir(parents=True, exist_ok=True)
            start = time.time()
            pool.starmap(run, [(system, name) for name in FILES], chunksize=4)
            seconds = time.time() - start
            results[system] = score(OUT / system, pool) + (seconds,)
            print(f"{system}: loaded {len(FILES)} files in {seconds:.0f} s", flush=True)
        for system, (folder, simple, weighted) in published.items():
            if system in wanted and (POLLOCK / folder).exists():
                results[system] = score(POLLOCK / folder, pool) + (None,)
                results[system] = results[system][:3] + (f"published {simple} / {weighted}",)
    print(f"\nPollock scores on {len(FILES)} files (simple: at most 10; weighted by how common each pollution is)")
    print(f"{'system':14} {'simple':>8} {'weighted':>9}  success  header F1  record F1  cell F1")
    for system, (simple, weighted, means, note) in results.items():
        extra = f"  ({note})" if isinstance(note, str) else ""
        print(f"{system:14} {simple:8.3f} {weighted:9.3f}  {means['success']:7.3f}  {means['header_f1']:9.3f}  {means['record_f1']:9.3f}  {means['cell_f1']:7.3f}{extra}")


if __name__ == "__main__":
    main()
