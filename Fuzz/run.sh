#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a fixed time (default 60 s):
#   Fuzz/run.sh [SECONDS] [TARGET...]      targets: icp csv framing builder writers (default: all)
# Each target is compiled with `swiftc -sanitize=fuzzer,address` from the project's sources
# and an entry file in Fuzz/. Corpora live in .build-fuzz/corpus-TARGET, seeded from fixtures.
# Saved regressions (Fuzz/regressions/TARGET) are replayed first; any new crash, leak or
# timeout input is copied there, to be fixed and kept.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("${@:-icp csv framing builder writers}")
read -r -a targets <<< "${targets[*]}"
findings=0

swift build --product icp >/dev/null   # fetches the Yams checkout that holds libyaml
yams=".build/checkouts/Yams/Sources/CYaml"
out=.build-fuzz
mkdir -p "$out/cyaml"
for source in "$yams"/src/*.c; do
  object="$out/cyaml/$(basename "$source" .c).o"
  [ -f "$object" ] || clang -c -O1 -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I"$yams/include" -I"$yams/src" "$source" -o "$object"
done

# The core's four modules and the dataset reader are compiled as one module here: their imports
# of one another are taken out of copies of the sources.
flat="$out/sources"
rm -rf "$flat"
for module in ICPLanguage ICPEngine ICPBuilders ICPInsights ICPDataset; do
  mkdir -p "$flat/$module"
  find "Sources/$module" -name '*.swift' | while read -r file; do
    sed -E '/^import (ICPLanguage|ICPEngine|ICPBuilders|ICPInsights|ICPDataset)$/d' "$file" > "$flat/$module/$(echo "$file" | tr '/' '_')"
  done
done
core=$(find "$flat"/ICPLanguage "$flat"/ICPEngine "$flat"/ICPBuilders "$flat"/ICPInsights -name '*.swift')
dataset=$(find "$flat"/ICPDataset -name '*.swift')
protocol="Sources/ICPLanguageServer/Protocol/JSONValue.swift Sources/ICPLanguageServer/Protocol/Message.swift Sources/ICPLanguageServer/Protocol/Framing.swift"

build() { # name, sources...
  local name=$1; shift
  # One module holds everything a target needs, so each `import ICPCore` in it is a (silenced) no-op.
  # The old binary goes first: a failed compile must not leave a stale one to fuzz.
  rm -f "$out/fuzz-$name"
  swiftc -parse-as-library -O -sanitize=fuzzer,address -module-name ICPCore -package-name icp \
    -I "$yams/include" -Xcc -DYAML_DECLARE_STATIC "$@" "$out"/cyaml/*.o -o "$out/fuzz-$name" 2>&1 \
    | grep -v -e "ignoring import" -e "Cannot export local symbol" -e '^ *[0-9]* *|' -e '^$' || true
  [ -x "$out/fuzz-$name" ] || { echo "error: the $name fuzz target did not build (above)"; exit 1; }
}

seed() { # name, files...
  local corpus="$out/corpus-$1"; shift
  mkdir -p "$corpus"
  for file in "$@"; do [ -f "$file" ] && cp "$file" "$corpus/" ; done
}

for target in "${targets[@]}"; do
  case "$target" in
    icp) build icp $core Fuzz/FuzzICP.swift
         seed icp fixtures/icps/*.icp.* fixtures/checks/*.icp.* fixtures/broken/*.yaml fixtures/*/icp.workspace.yaml ;;
    csv) build csv $core $dataset Fuzz/FuzzCSV.swift
         seed csv fixtures/datasets/messy/*.csv fixtures/datachecks/data/*.csv
         for shape in fixtures/exports/*/; do   # every export shape, each file named by its shape
           for file in "$shape"accounts.*; do [ -f "$file" ] && head -c 4096 "$file" > "$out/corpus-csv/export-$(basename "$shape")"; done
         done ;;
    framing) build framing $protocol Fuzz/FuzzFraming.swift
         mkdir -p "$out/corpus-framing"
         printf 'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' > "$out/corpus-framing/initialize" ;;
    builder) build builder $core $dataset Fuzz/FuzzBuilder.swift
         mkdir -p "$out/corpus-builder"
         printf 'SaaS companies in the US with 51-500 employees, ideally on AWS, excluding customers\nicp: x\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n' > "$out/corpus-builder/draft"
         printf 'drop the geo filter; add a uses aws boost; raise the employee floor to -10\n{"icp": "x", "parameters": [{"field": "country", "mode": "filter", "in": ["US"]}]}\n' > "$out/corpus-builder/refine"
         printf 'enterprise fintech raised in the last 9223372036854775807 days\u2028min_score: 9\nicp: x\nparameters:\n  - &p {field: tech_stack, mode: score, in: [aws]}\n  - *p\n' > "$out/corpus-builder/hostile" ;;
    writers) build writers $core $dataset Fuzz/FuzzWriters.swift
         mkdir -p "$out/corpus-writers"
         printf '=HYPERLINK("x")\0a\r\nb\0<img src=x> @octocat #1 ```\0-12.5\0``` `\0\xe2\x80\xa8</details>' > "$out/corpus-writers/hostile" ;;
    *) echo "unknown target $target"; exit 2 ;;
  esac
  mkdir -p "Fuzz/regressions/$target" "$out/artifacts-$target"
  echo "== $target: replaying $(ls "Fuzz/regressions/$target" | wc -l) saved regressions"
  for input in Fuzz/regressions/"$target"/*; do
    [ -f "$input" ] || continue
    if ! timeout 30 "$out/fuzz-$target" -timeout=10 "$input" >/dev/null 2>&1; then
      echo "regression fails: $input"
      findings=$((findings + 1))
    fi
  done
  echo "== $target: fuzzing for $seconds s"
  set +e
  timeout $((seconds + 60)) "$out/fuzz-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192 \
    -artifact_prefix="$out/artifacts-$target/" "$out/corpus-$target" > "$out/log-$target.txt" 2>&1
  status=$?
  set -e
  grep -E "^#[0-9]+ +(DONE|pulse)" "$out/log-$target.txt" | tail -1 || true
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$out/log-$target.txt" | tail -1 || true
  for artifact in "$out/artifacts-$target"/*; do
    [ -f "$artifact" ] || continue
    cp "$artifact" "Fuzz/regressions/$target/"
    echo "new finding kept: Fuzz/regressions/$target/$(basename "$artifact")"
    findings=$((findings + 1))
  done
  [ "$status" -eq 0 ] || { echo "$target: the fuzzer stopped with status $status (see $out/log-$target.txt)"; }
done
echo "fuzzing: $findings finding(s)"
[ "$findings" -eq 0 ]
