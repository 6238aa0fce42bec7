#!/usr/bin/env python3
"""Per-field report of ttdn's output against a truth file, with each miss and
the evidence ttdn gave for it. Wrong-stated values (a value given and wrong)
are counted apart from abstentions (no value): a wrong date is worse than none.
usage: eval_report.py TRUTH.json LIST.json [--quiet]"""
import json, os, sys, importlib.util

here = os.path.dirname(os.path.abspath(__file__))
score_path = os.path.join(os.environ.get("SHARED", os.path.join(here, "..", "..", "shared")), "tools", "score.py")
spec = importlib.util.spec_from_file_location("score", score_path)
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)

truth = score.load_truth(sys.argv[1])
out = {os.path.basename(r["file"]): r for r in json.load(open(sys.argv[2], encoding="utf-8"))}
quiet = "--quiet" in sys.argv
stats = {f: [0, 0, 0, 0] for f in ("date", "province", "kind", "chair", "is_meeting")}  # right, wrong, abstained, total
misses = []
for t in truth:
    name = os.path.basename(t["file"]); r = out.get(name, {})
    def tally(field, want, got, same):
        s = stats[field]; s[3] += 1
        if same: s[0] += 1; return
        if got in (None, "", []): s[2] += 1; kind = "abstained"
        else: s[1] += 1; kind = "WRONG"
        misses.append((field, name, kind, want, got, r))
    tally("is_meeting", t["is_meeting"], r.get("is_meeting"), bool(r.get("is_meeting")) == bool(t["is_meeting"]))
    if not t["is_meeting"]:
        continue
    td, rd = t.get("meeting_date"), r.get("date")
    rfull = rd if rd and len(rd) == 10 else None
    if td or rfull:
        tally("date", td, rfull, rfull == td)
    if t.get("province"):
        tally("province", t["province"], r.get("province"), score.prov(r.get("province")) == score.prov(t["province"]))
    tally("kind", t["kind"], r.get("kind"), score.fold(r.get("kind")) == score.fold(t["kind"]))
    if t.get("chair") or r.get("chair"):
        tally("chair", t.get("chair"), r.get("chair"), score.fold(r.get("chair")) == score.fold(t.get("chair")))
print(f"{'field':<11} {'right':>6} {'wrong':>6} {'abst.':>6} {'total':>6}")
for f, (ok, bad, ab, n) in stats.items():
    print(f"{f:<11} {ok:>6} {bad:>6} {ab:>6} {n:>6}   {ok / max(n, 1):.1%} right, {bad / max(n, 1):.1%} wrong")
if not quiet:
    for field, name, kind, want, got, r in sorted(misses, key=lambda m: (m[0], m[2] != "WRONG", m[1])):
        ev = "; ".join(e for e in r.get("evidence", []) if e.startswith(field.split("_")[0])) or "; ".join(d for d in r.get("diagnostics", []) if d.startswith(field.split("_")[0]))
        print(f"miss {field:<10} {name} {kind:<9} want {want!s:<24} got {got!s:<24} {ev[:160]}")
