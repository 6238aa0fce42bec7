#!/usr/bin/env bash
# make bench: speed and memory of ttdn on generated 10,000- and 100,000-article corpora, beside
# cat (the physical floor) and ripgrep, all measured in this run with a warm page cache. The
# browser is measured from outside, through a pseudo-terminal (scripts/keylatency.py): start to
# first frame, and each key from being written to its frame being received.
# Corpora and indexes live in $BENCH_DIR (outside the repo) and are reused when present.
# Run it on an idle machine: on 2 cores anything else running skews every figure.
set -euo pipefail
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/ttdn-bench}
SIZES=${BENCH_SIZES:-"10000 100000"}
mkdir -p "$BENCH_DIR"

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else echo "bench needs: ${need[*]} (apt-get install ${need[*]})" >&2; exit 1; fi
fi

hf() { # median seconds of a command over RUNS runs: hf RUNS PREPARE CMD
  local runs=$1 prep=$2 cmd=$3 out
  out=$(mktemp)
  if [ -n "$prep" ]; then hyperfine -N --style none --runs "$runs" --prepare "$prep" --export-json "$out" "$cmd" >/dev/null 2>&1 \
      || hyperfine --style none --runs "$runs" --prepare "$prep" --export-json "$out" "$cmd" >/dev/null
  else hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$out" "$cmd" >/dev/null 2>&1 \
      || hyperfine --style none --warmup 2 --runs "$runs" --export-json "$out" "$cmd" >/dev/null; fi
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$out"
  rm -f "$out"
}
ms() { python3 -c "print(f'{float(\"$1\")*1000:.0f} ms')"; }
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); v=d
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$1" "$2"; }

report="$BENCH_DIR/results.md"
{
  echo "# make bench — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$report"
for N in $SIZES; do
  dir="$BENCH_DIR/c$N"; man="$BENCH_DIR/c$N.jsonl"; cache="$BENCH_DIR/cache-$N"; state="$BENCH_DIR/state-$N"
  if [ ! -f "$dir.complete" ]; then
    echo "generating $N articles in $dir ..." >&2
    rm -rf "$dir"; python3 "$SHARED/tools/gen_corpus.py" --count "$N" --out "$dir" --manifest "$man"
    touch "$dir.complete"
  fi
  export XDG_STATE_HOME=$state
  bytes=$(du -sb "$dir" | cut -f1)
  echo "[$N] cat" >&2
  t_cat=$(hf 5 "" "sh -c 'find $dir -name \"*.txt\" -print0 | xargs -0 cat > /dev/null'")
  # The median of three first builds (each from an empty cache): on this kind of shared machine one
  # run can be 10 % off either way.
  echo "[$N] first index build (3 runs)" >&2
  builds=()
  for i in 1 2 3; do
    rm -rf "$cache"
    builds+=("$(/usr/bin/time -f "%e %M" env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --format csv 2>&1 >/dev/null | tail -1)")
  done
  read -r t_build m_build < <(printf '%s\n' "${builds[@]}" | sort -n | sed -n 2p)
  all_builds=$(printf '%s\n' "${builds[@]}" | cut -d' ' -f1 | sort -n | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
  echo "[$N] rebuild after a parser change (the stored version is made stale)" >&2
  python3 - "$cache" <<'PY'
import glob, sqlite3, sys
for p in glob.glob(sys.argv[1] + "/ttdn/*.sqlite"):
    c = sqlite3.connect(p); c.execute("UPDATE meta SET value = value || '-stale' WHERE key = 'version'"); c.commit(); c.close()
PY
  read -r t_rebuild m_rebuild < <(/usr/bin/time -f "%e %M" env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --format csv 2>&1 >/dev/null | tail -1)
  echo "[$N] browser: first frame, keys, memory (built index)" >&2
  keys=$(XDG_CACHE_HOME=$cache python3 "$HERE/keylatency.py" "$BIN" "$dir" --json)
  frames=()
  for i in 1 2 3 4 5; do
    frames+=("$(XDG_CACHE_HOME=$cache python3 "$HERE/keylatency.py" "$BIN" "$dir" --json --during-build | python3 -c 'import json,sys; print(json.load(sys.stdin)["first_frame_ms"])')")
  done
  t_frame=$(python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "${frames[@]}")
  echo "[$N] browser: first run (no index yet)" >&2
  rm -rf "$cache-first"
  first=$(XDG_CACHE_HOME=$cache-first python3 "$HERE/keylatency.py" "$BIN" "$dir" --json --during-build)
  rm -rf "$cache-first"
  echo "[$N] command line" >&2
  t_s1=$(hf 10 "" "env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lang son' --format json")
  n_s1=$(XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lang son' --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  t_rg=$(hf 5 "" "rg -l -F 'Lạng Sơn' $dir")
  n_rg=$( (rg -l -F 'Lạng Sơn' "$dir" || true) | wc -l)
  n_rgi=$( (rg -il 'l[aạ]ng s[oơ]n' "$dir" || true) | wc -l)
  id=$(XDG_CACHE_HOME=$cache $BIN list --corpus $dir --format csv | sed -n 2p | cut -d, -f1)
  t_show=$(hf 10 "" "env XDG_CACHE_HOME=$cache $BIN show --corpus $dir $id")
  t_stats=$(hf 10 "" "env XDG_CACHE_HOME=$cache $BIN stats --corpus $dir")
  {
    echo "## $N articles ($((bytes / 1000000)) MB)"
    echo
    echo "| measure | result | target |"
    echo "|---|---|---|"
    echo "| cat of every file (floor) | $(ms $t_cat) | |"
    echo "| first index build (median of $all_builds s) | ${t_build} s = $(python3 -c "print(f'{$t_build/$t_cat:.1f}')")× cat, peak $((m_build / 1024)) MB | ≤ 10× cat |"
    echo "| rebuild after a parser change | ${t_rebuild} s, peak $((m_rebuild / 1024)) MB | ≤ first build, < 600 MB |"
    echo "| start to first frame, built index (outside, median of 5) | ${t_frame} ms | < 150 ms |"
    echo "| first run: browser on screen | $(field "$first" first_frame_ms) ms; keys while indexing p50 $(field "$first" all.p50) ms, p95 $(field "$first" all.p95) ms | < 300 ms, responsive |"
    echo "| keys, all ($(field "$keys" keys) keys) | p50 $(field "$keys" all.p50) ms, p95 $(field "$keys" all.p95) ms, max $(field "$keys" all.max) ms | p95 < 16 ms, max < 50 ms |"
    for g in move page search picker people; do
      echo "| · $g | p50 $(field "$keys" groups.$g.p50) ms, p95 $(field "$keys" groups.$g.p95) ms, max $(field "$keys" groups.$g.max) ms (n=$(field "$keys" groups.$g.n)) | |"
    done
    echo "| browser peak memory (VmHWM over the key script) | $(field "$keys" peak_rss_mb) MB | < 150 MB |"
    echo "| \`list --search \"lang son\" --format json\` | $(ms $t_s1) → $n_s1 meetings | ≥ 10× faster than rg |"
    echo "| \`rg -l -F 'Lạng Sơn'\` | $(ms $t_rg) → $n_rg files (rg -i with both spellings: $n_rgi) | |"
    echo "| speed-up over rg | $(python3 -c "print(f'{$t_rg/$t_s1:.1f}')")× | ≥ 10× |"
    echo "| \`show ID\` | $(ms $t_show) | < 50 ms |"
    echo "| \`stats\` | $(ms $t_stats) | < 100 ms |"
    echo
  } >> "$report"
done
cat "$report"
