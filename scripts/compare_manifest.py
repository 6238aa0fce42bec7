#!/usr/bin/env python3
"""Compares `ttdn list --format json` with a gen_corpus.py manifest.
Prints per-field accuracy and the first mismatches; exit 1 below --min."""
import json, sys, argparse, collections

KINDS = {"tong_ket": "tổng kết", "so_ket_6_thang": "sơ kết", "giao_ban": "giao ban",
         "tap_huan": "tập huấn", "lam_viec_doan": "làm việc"}

ap = argparse.ArgumentParser()
ap.add_argument("json"); ap.add_argument("manifest")
ap.add_argument("--min", type=float, default=0.99); ap.add_argument("--show", type=int, default=8)
a = ap.parse_args()
got = {m["id"].split("/")[-1] + ".txt": m for m in json.load(open(a.json))}
man = [json.loads(l) for l in open(a.manifest)]
fields = {"date": lambda t: t["meeting_date"], "province": lambda t: t["province"],
          "kind": lambda t: KINDS.get(t["kind"])}
ok = collections.Counter(); bad = collections.defaultdict(list); n = 0
for t in man:
    if t["awkward"] == "empty":
        if t["file"] in got: bad["empty"].append(t["file"])
        continue
    n += 1
    g = got.get(t["file"], {})
    for f, want in fields.items():
        w = want(t); v = g.get(f)
        if v == w: ok[f] += 1
        else: bad[f].append((t["file"], w, v, t.get("date_text"), t.get("dateline"), t.get("awkward")))
fail = False
for f in fields:
    acc = ok[f] / n
    print(f"{f}: {ok[f]}/{n} = {acc:.4f}")
    fail |= acc < a.min
    for b in bad[f][:a.show]: print("   ", b)
sys.exit(1 if fail else 0)
