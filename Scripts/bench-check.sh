#!/usr/bin/env bash
# Times `icp` parsing and checking a 200-line ICP, in process, beside PyYAML loading the same
# file (its C loader when present), and prints the ratio. Usage: Scripts/bench-check.sh [FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-}"
if [ -z "$file" ]; then
  file="$(mktemp -d)/bench-200.icp.yaml"
  python3 - "$file" <<'PY'
import sys
lines = ["icp: bench", "name: Bench (Zürich 🚀)", "status: live", "reviewed: 2026-10-01", "tiers: {A: 80, B: 50, C: 0}", "parameters:"]
modes = ["filter", "score", "exclude"]
i = 0
while True:
    parameter = [f"  - field: field_{i}", f"    mode: {modes[i % 3]}", f"    in: [Software, Fintech, \"NO\", value_{i}]"]
    if modes[i % 3] == "score":
        parameter.append(f"    weight: {1 + i % 4}")
    if len(lines) + len(parameter) > 200:
        break
    lines += parameter
    i += 1
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
fi
swift build -c release --product icp >/dev/null
ours=$(.build/release/icp bench check "$file" --iterations 2000)
echo "$ours"
python3 -m pip show pyyaml >/dev/null 2>&1 || python3 -m pip install --quiet pyyaml
peer=$(python3 - "$file" <<'PY'
import sys, time, yaml
text = open(sys.argv[1], encoding="utf-8").read()
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for _ in range(50): yaml.load(text, Loader=Loader)
samples = []
for _ in range(2000):
    t = time.perf_counter(); yaml.load(text, Loader=Loader); samples.append((time.perf_counter() - t) * 1e3)
samples.sort()
print(f"{Loader.__name__} load ms: median {samples[len(samples)//2]:.3f}  p95 {samples[int(len(samples)*0.95)]:.3f}")
PY
)
echo "PyYAML $peer"
ours_median=$(echo "$ours" | sed -n 's/.*median \([0-9.]*\).*/\1/p')
peer_median=$(echo "$peer" | sed -n 's/.*median \([0-9.]*\).*/\1/p')
python3 -c "print(f'ratio icp parse+check / PyYAML load (median): {float($ours_median)/float($peer_median):.2f}x')"
