#!/usr/bin/env bash
# Compares carelint with ripgrep on the same generated files, in the same hyperfine run, and prints Markdown tables of
# medians, ratios and peak memory. Needs: apt-get install -y hyperfine ripgrep time   (and python3, cargo).
#
#   benches/compare.sh                                 # full run: 20,000 posts, 100,000 calendar rows, 10,000 phrases
#   POSTS=2000 ROWS=10000 RUNS=3 benches/compare.sh    # a quicker run
#   WORK=/tmp/x WARMUP=1 EXTRA=10000 ...               # other knobs (WORK keeps the generated files between runs)
#
# The corpus comes from benches/gen_corpus.py: varied posts (a Zipf-like vocabulary of ~60,000 word types, emoji,
# names, numbers, identifiers and claims at the rates of real posts; see its docstring). ripgrep is the fixed
# reference: it runs the 42 regexes of benches/reference-patterns.txt (see benches/README.md) as
# `rg -c -f PATTERNS FILES...`, without -U, as ../shared/bench/README.md defines it; it only counts matching lines,
# while carelint also normalises, validates, applies context and post conditions, and reports each finding.
# ripgrep 13 joins the lines of -f with `|` without grouping them, so an inline flag such as `(?i-u)` at the start of
# one pattern leaks into every later one (BurntSushi/ripgrep#2480): the script wraps each line in `(?:...)` first.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/carelint-bench}
POSTS=${POSTS:-20000}
ROWS=${ROWS:-100000}
EXTRA=${EXTRA:-10000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
for tool in hyperfine rg python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine ripgrep time" >&2; exit 2; }
done
[ "$POSTS" -ge 10 ] || { echo "POSTS must be at least 10 (the linearity check uses POSTS/10)" >&2; exit 2; }

cargo build --release --quiet
ROOT=$PWD
BIN=$ROOT/target/release/carelint
REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
SMALL=$((POSTS / 10))
STAMP="$WORK/.done-$POSTS-$ROWS-$EXTRA-$(sha256sum benches/gen_corpus.py | cut -c1-12)"
if [ ! -f "$STAMP" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  python3 benches/gen_corpus.py "$WORK" "$POSTS" "$ROWS" "$EXTRA" 2>"$WORK/corpus.txt"
  # the linearity check's small repository: the first POSTS/10 posts, hard-linked (the same bytes that
  # `gen_corpus.py WORK POSTS/10` writes, since each post has its own random stream)
  python3 - "$WORK" "$SMALL" <<'EOF'
import os, sys
work, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    folder = f"d{i % 200:03d}"
    os.makedirs(os.path.join(work, "corpus-small", folder), exist_ok=True)
    os.link(os.path.join(work, "corpus", folder, f"post-{i:05d}.md"),
            os.path.join(work, "corpus-small", folder, f"post-{i:05d}.md"))
EOF
  touch "$STAMP"
fi
sed 's/.*/(?:&)/' benches/reference-patterns.txt >"$WORK/reference.rg"
printf '' >"$WORK/empty.md"
CORES=$(nproc)
CL="$BIN check --no-config --format concise"
RG="rg -c -f reference.rg"
cd "$WORK"
EIGHT=$(echo eight/*.md)

# peak resident memory in KB of one run; a run that fails (exit status 2 or more: 1 only means findings or, for
# ripgrep, no match) stops the script, so an error never passes for a fast result
peak_kb() {
  local rc=0
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/run.out" 2>"$WORK/run.err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    { echo "failed with status $rc: $*"; head -20 "$WORK/run.err"; } >&2
    exit 2
  fi
  awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt"
}
# medians in seconds of one hyperfine run over all the given commands, space-separated
medians() {
  hyperfine -N -i --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/h.json" "$@" >/dev/null 2>"$WORK/h.err" ||
    { cat "$WORK/h.err" >&2; exit 2; }
  python3 -c 'import json,sys; print(*(r["median"] for r in json.load(open(sys.argv[1]))["results"]))' "$WORK/h.json"
}

# name | carelint command | ripgrep command | optional: carelint without the extra phrases, timed in the same run
CASES=(
  "one post|$CL one.md|$RG one.md"
  "eight posts (pre-commit)|$CL $EIGHT|$RG $EIGHT"
  "$POSTS posts, 1 thread|$CL -j1 corpus|$RG -j1 corpus"
  "$POSTS posts, $CORES threads|$CL -j$CORES corpus|$RG -j$CORES corpus"
  "calendar, $ROWS rows|$CL calendar.csv|$RG calendar.csv"
  "$POSTS posts + $EXTRA phrases, $CORES threads|$CL -j$CORES --rules extra_phrases.toml corpus|$RG -j$CORES corpus|$CL -j$CORES corpus"
  "one post + $EXTRA phrases|$CL --rules extra_phrases.toml one.md|$RG one.md|$CL one.md"
  "start-up (empty post)|$CL empty.md|$RG empty.md"
  "start-up + $EXTRA phrases (empty post)|$CL --rules extra_phrases.toml empty.md|$RG empty.md|$CL empty.md"
)

printf '%s\n' "| case | carelint median | ripgrep median | carelint / ripgrep | carelint peak RSS | ripgrep peak RSS |"
printf '%s\n' "|---|---:|---:|---:|---:|---:|"
NOTES=()
for case in "${CASES[@]}"; do
  IFS='|' read -r name ours theirs without <<<"$case"
  # shellcheck disable=SC2086
  ma=$(peak_kb $ours)
  # shellcheck disable=SC2086
  mb=$(peak_kb $theirs)
  if [ -n "$without" ]; then
    read -r a b c < <(medians "$ours" "$theirs" "$without")
    NOTES+=("$(python3 -c 'import sys; a,c=float(sys.argv[2]),float(sys.argv[3]); print(f"- {sys.argv[1]}: {a/c:.2f}× the same case without them ({a*1000:.1f} ms against {c*1000:.1f} ms, {(a-c)*1000:+.1f} ms)")' "$name" "$a" "$c")")
  else
    read -r a b < <(medians "$ours" "$theirs")
  fi
  python3 -c 'import sys; a,b,ma,mb=float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]),int(sys.argv[5]); print(f"| {sys.argv[1]} | {a*1000:.1f} ms | {b*1000:.1f} ms | {a/b:.2f}× | {ma/1024:.1f} MB | {mb/1024:.1f} MB |")' \
    "$name" "$a" "$b" "$ma" "$mb"
done
echo
echo "Extra phrases (with and without them in the same hyperfine run):"
printf '%s\n' "${NOTES[@]}"

# linearity: time per post for POSTS/10 and POSTS posts, in one run; each tool's start-up (an empty post, same run)
# is taken off before dividing
echo
printf '%s\n' "| linearity, $CORES threads | carelint median | carelint per post | ripgrep median | ripgrep per post |"
printf '%s\n' "|---|---:|---:|---:|---:|"
read -r s1 s2 r1 r2 e f < <(medians "$CL -j$CORES corpus-small" "$CL -j$CORES corpus" "$RG -j$CORES corpus-small" \
  "$RG -j$CORES corpus" "$CL empty.md" "$RG empty.md")
python3 - "$SMALL" "$POSTS" "$s1" "$s2" "$r1" "$r2" "$e" "$f" <<'EOF'
import sys
n1, n2 = int(sys.argv[1]), int(sys.argv[2])
s1, s2, r1, r2, e, f = map(float, sys.argv[3:])
for n, s, r in ((n1, s1, r1), (n2, s2, r2)):
    print(f"| {n} posts | {s * 1000:.1f} ms | {(s - e) / n * 1e6:.1f} µs | {r * 1000:.1f} ms | {(r - f) / n * 1e6:.1f} µs |")
print()
print(f"per-post cost (start-up off) at {n2} posts / at {n1} posts: carelint {((s2 - e) / n2) / ((s1 - e) / n1):.2f}×, "
      f"ripgrep {((r2 - f) / n2) / ((r1 - f) / n1):.2f}× (1.00 = linear; start-up: carelint {e * 1000:.1f} ms, "
      f"ripgrep {f * 1000:.1f} ms); each post past the first {n1}: carelint {(s2 - s1) / (n2 - n1) * 1e6:.1f} µs, "
      f"ripgrep {(r2 - r1) / (n2 - n1) * 1e6:.1f} µs")
EOF

# peak memory of every output format over the whole corpus (the report is written to a file and counted)
echo
printf '%s\n' "| format ($POSTS posts, $CORES threads) | carelint peak RSS | report size |"
printf '%s\n' "|---|---:|---:|"
for format in human concise json sarif github; do
  kb=$(peak_kb "$BIN" check --no-config --format "$format" -j"$CORES" corpus)
  python3 -c 'import sys; print(f"| {sys.argv[1]} | {int(sys.argv[2])/1024:.1f} MB | {int(sys.argv[3])/1e6:.1f} MB |")' \
    "$format" "$kb" "$(wc -c <"$WORK/run.out")"
done
rm -f "$WORK/run.out"

echo
echo "corpus: $(cat "$WORK/corpus.txt")"
python3 "$ROOT/benches/corpus_stats.py" "$WORK/corpus"
echo "machine: $CORES cores, carelint $REV, $(rg --version | sed -n 1p), $(hyperfine --version); RUNS=$RUNS WARMUP=$WARMUP"
