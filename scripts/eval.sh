#!/usr/bin/env bash
# Scores the model on the labelled real pages in ../shared/realset the way it is
# judged (../shared/tools/score.py): per field right / total, wrong-stated dates
# and provinces apart, then every miss with the evidence ttdn used.
# usage: eval.sh BIN [--floors]   (--floors: exit 1 below the floors reached so far)
set -euo pipefail
bin=$1; shift || true
shared=${SHARED:-../shared}
realset=$shared/realset
if [ ! -d "$realset/articles" ] || [ ! -f "$shared/tools/score.py" ]; then
  echo "eval: $realset or $shared/tools/score.py is missing; nothing to score." >&2
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" list --corpus "$realset/articles" --format json --no-cache >"$out/list.json"
python3 scripts/eval_report.py "$realset/truth.json" "$out/list.json"
# Floors: raised as the model improves; a drop below them fails `make test`.
floors=(--min date=0.95 --min province=0.95 --min kind=0.95 --min chair=0.95 --min is_meeting=0.97 --max-wrong-dates 0.01)
if [ "${1:-}" = --floors ]; then
  python3 "$shared/tools/score.py" "$realset/truth.json" "$out/list.json" "${floors[@]}"
fi
