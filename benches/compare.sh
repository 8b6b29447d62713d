#!/usr/bin/env bash
# Compares carelint with ripgrep on the same files and the same patterns, and prints a table of medians, ratios
# and peak memory. Needs: apt-get install -y hyperfine ripgrep time   (and python3, cargo).
#
#   benches/compare.sh            # full run: 20,000 posts, a 100,000-row calendar, 10,000 extra phrases
#   POSTS=2000 ROWS=10000 RUNS=5 benches/compare.sh   # a quicker run
#
# ripgrep runs the regexes that `carelint rules --export-patterns` writes for the active ruleset (phrases as
# case-insensitive literals between ASCII word boundaries, patterns with ASCII `\b`, as carelint compiles them).
# ripgrep runs with -U (multiline) because several rules match across a line break; it only counts matches,
# while carelint also normalises, validates, applies context and post conditions, and reports each finding.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/carelint-bench}
POSTS=${POSTS:-20000}
ROWS=${ROWS:-100000}
EXTRA=${EXTRA:-10000}
RUNS=${RUNS:-10}
for tool in hyperfine rg python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine ripgrep time" >&2; exit 2; }
done

cargo build --release --quiet
BIN=$PWD/target/release/carelint
if [ ! -f "$WORK/.done-$POSTS-$ROWS-$EXTRA" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  python3 benches/gen_corpus.py "$WORK" "$POSTS" "$ROWS" "$EXTRA"
  touch "$WORK/.done-$POSTS-$ROWS-$EXTRA"
fi
"$BIN" rules --no-config --export-patterns > "$WORK/patterns.txt"
"$BIN" rules --no-config --rules "$WORK/extra_phrases.toml" --export-patterns > "$WORK/patterns_extra.txt"
CORES=$(nproc)
CL="$BIN check --no-config --format concise"
cd "$WORK"

# name | carelint command | ripgrep command
CASES=(
  "one post|$CL one.md|rg -U -c -f patterns.txt one.md"
  "corpus, 1 thread|$CL -j1 corpus|rg -U -j1 -c -f patterns.txt corpus"
  "corpus, $CORES threads|$CL -j$CORES corpus|rg -U -j$CORES -c -f patterns.txt corpus"
  "corpus + $EXTRA phrases, $CORES threads|$CL -j$CORES --rules extra_phrases.toml corpus|rg -U -j$CORES -c -f patterns_extra.txt corpus"
  "one post + $EXTRA phrases|$CL --rules extra_phrases.toml one.md|rg -U -c -f patterns_extra.txt one.md"
  "calendar, $ROWS rows|$CL calendar.csv|rg -U -c -f patterns.txt calendar.csv"
)

peak_kb() { /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true; awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt"; }

printf '%s\n' "| case | carelint median | ripgrep median | carelint / ripgrep | carelint peak RSS | ripgrep peak RSS |"
printf '%s\n' "|---|---:|---:|---:|---:|---:|"
for case in "${CASES[@]}"; do
  IFS='|' read -r name ours theirs <<<"$case"
  hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$WORK/h.json" "$ours" "$theirs" >/dev/null 2>&1
  read -r a b < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(r[0]["median"], r[1]["median"])' "$WORK/h.json")
  # shellcheck disable=SC2086
  ma=$(peak_kb $ours); mb=$(peak_kb $theirs)
  python3 -c 'import sys; a,b,ma,mb=float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]),int(sys.argv[5]); print(f"| {sys.argv[1]} | {a*1000:.1f} ms | {b*1000:.1f} ms | {a/b:.2f}× | {ma/1024:.1f} MB | {mb/1024:.1f} MB |")' \
    "$name" "$a" "$b" "$ma" "$mb"
done
# start-up with the extra phrases, without ripgrep: carelint on an empty post
printf '' > "$WORK/empty.md"
hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$WORK/h.json" "$CL empty.md" "$CL --rules extra_phrases.toml empty.md" >/dev/null 2>&1
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; a,b=r[0]["median"]*1000,r[1]["median"]*1000; print(); print(f"start-up (empty post): {a:.1f} ms; with {sys.argv[2]} extra phrases: {b:.1f} ms")' "$WORK/h.json" "$EXTRA"
echo "machine: $(nproc) cores, $(rg --version | sed -n 1p), $(hyperfine --version)"

# peak memory of every output format over the whole corpus (the report is written to /dev/null)
echo
printf '%s\n' "| format (corpus, $CORES threads) | carelint peak RSS | report size |"
printf '%s\n' "|---|---:|---:|"
for format in human concise json sarif github; do
  kb=$(peak_kb "$BIN" check --no-config --format "$format" -j"$CORES" corpus)
  size=$("$BIN" check --no-config --format "$format" -j"$CORES" corpus | wc -c || true)
  python3 -c 'import sys; print(f"| {sys.argv[1]} | {int(sys.argv[2])/1024:.1f} MB | {int(sys.argv[3])/1e6:.1f} MB |")' "$format" "$kb" "$size"
done
