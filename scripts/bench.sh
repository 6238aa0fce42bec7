#!/usr/bin/env bash
# make bench: speed and memory of ttdn on generated 10,000- and 100,000-article corpora,
# beside cat (the physical floor) and ripgrep, all measured in this run with a warm page cache.
# Corpora and indexes live in $BENCH_DIR (outside the repo) and are reused when present.
set -euo pipefail
BIN=$(realpath "$1")
SHARED=${SHARED:-../shared}
BENCH_DIR=${BENCH_DIR:-/tmp/ttdn-bench}
SIZES=${BENCH_SIZES:-"10000 100000"}
mkdir -p "$BENCH_DIR"

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
command -v script >/dev/null || need+=(bsdutils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else echo "bench needs: ${need[*]} (apt-get install ${need[*]})" >&2; exit 1; fi
fi

median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.3f}")' "$@"; }
hf() { # hyperfine median seconds of a command: hf RUNS PREPARE CMD
  local runs=$1 prep=$2 cmd=$3 out
  out=$(mktemp)
  if [ -n "$prep" ]; then hyperfine -N --style none --runs "$runs" --prepare "$prep" --export-json "$out" "$cmd" >/dev/null 2>&1 || hyperfine --style none --runs "$runs" --prepare "$prep" --export-json "$out" "$cmd" >/dev/null
  else hyperfine --style none --warmup 1 --runs "$runs" --export-json "$out" "$cmd" >/dev/null; fi
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$out"
  rm -f "$out"
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }   # peak resident KB

rows=()
for N in $SIZES; do
  dir="$BENCH_DIR/c$N"; man="$BENCH_DIR/c$N.jsonl"; cache="$BENCH_DIR/cache-$N"
  if [ ! -f "$dir.complete" ]; then
    echo "generating $N articles in $dir ..." >&2
    rm -rf "$dir"; python3 "$SHARED/tools/gen_corpus.py" --count "$N" --out "$dir" --manifest "$man"
    touch "$dir.complete"
  fi
  bytes=$(du -sb "$dir" | cut -f1)
  runs=3; [ "$N" -ge 100000 ] && runs=1
  echo "[$N] cat" >&2
  t_cat=$(hf 5 "" "sh -c 'find $dir -name \"*.txt\" -print0 | xargs -0 cat > /dev/null'")
  echo "[$N] first index build (x$runs)" >&2
  if [ "$runs" -gt 1 ]; then
    t_build=$(hf $runs "rm -rf $cache" "env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --format json --search zzzz")
    rm -rf "$cache"; m_build=$(rss env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --format csv)
  else  # one long run: time and peak memory from the same build
    rm -rf "$cache"
    read -r t_build m_build < <(/usr/bin/time -f "%e %M" env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --format csv 2>&1 >/dev/null | tail -1)
  fi
  echo "[$N] start to first frame (warm index)" >&2
  frames=()
  for i in 1 2 3 4 5; do
    f=$(XDG_CACHE_HOME=$cache script -qfec "$BIN --corpus $dir --bench-startup" /dev/null | tr -d '\r' | sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p')
    frames+=("$f")
  done
  t_frame=$(median "${frames[@]}")
  m_browse=$(XDG_CACHE_HOME=$cache script -qfec "/usr/bin/time -f RSS=%M $BIN --corpus $dir --bench-startup" /dev/null | tr -d '\r' | sed -n 's/.*RSS=\([0-9]*\).*/\1/p')
  echo "[$N] searches" >&2
  t_s1=$(hf 5 "" "env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lạng sơn' --format json")
  t_s2=$(hf 5 "" "env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lang son'")
  t_rg1=$(hf 5 "" "rg -l -F 'Lạng Sơn' $dir")
  t_rg2=$(hf 5 "" "rg -il 'lạng sơn' $dir")
  n_s1=$(XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lạng sơn' --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  n_s2=$(XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lang son' --format csv | tail -n +2 | wc -l)
  n_rg1=$( (rg -l -F 'Lạng Sơn' "$dir" || true) | wc -l)
  n_rg2=$( (rg -il 'lạng sơn' "$dir" || true) | wc -l)
  n_true=$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if (t:=json.loads(l))["province"]=="Lạng Sơn" and t["mentions_province"]))' "$man")
  n_nfd=$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if (t:=json.loads(l))["province"]=="Lạng Sơn" and t["mentions_province"] and t["nfd"]))' "$man")
  m_search=$(rss env XDG_CACHE_HOME=$cache $BIN list --corpus $dir --search 'lang son' --format csv)
  echo "[$N] keystrokes" >&2
  keys=$(XDG_CACHE_HOME=$cache $BIN bench-keys --corpus $dir)
  m_keys=$(rss env XDG_CACHE_HOME=$cache $BIN bench-keys --corpus $dir)
  p50=$(echo "$keys" | sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p'); p95=$(echo "$keys" | sed -n 's/.*p95 \([0-9.]*\) ms.*/\1/p')
  rows+=("| $N | $((bytes/1000000)) MB | cat ${t_cat}s | build ${t_build}s ($(python3 -c "print(f'{$t_build/$t_cat:.0f}')")× cat), $((m_build/1024)) MB | first frame ${t_frame} ms, $((m_browse/1024)) MB | \`lạng sơn\` ${t_s1}s → $n_s1 · \`lang son\` ${t_s2}s → $n_s2 | rg -F ${t_rg1}s → $n_rg1 · rg -i ${t_rg2}s → $n_rg2 | truth $n_true (NFD $n_nfd) | keys p50 ${p50} ms, p95 ${p95} ms, $((m_keys/1024)) MB | search $((m_search/1024)) MB |")
done
{
  echo "| articles | size | cat (floor) | first index build, peak RSS | warm start to first frame, RSS | ttdn search (time → files) | ripgrep (time → files) | files that mention Lạng Sơn | browser keystroke search | list --search RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$BENCH_DIR/results.md"
