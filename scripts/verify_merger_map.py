#!/usr/bin/env python3
"""Checks Provinces2025.swift's old → new province table against the GSO lists
before and after 1 July 2025, as packaged on PyPI by `vietnam-provinces`
(0.6.0: 63 provinces with districts and wards; 2025.10.1: 34 provinces with
wards). Each old province goes to the new one that holds most of its ward
names (wards kept their names in the reform more often than not).

    pip download --no-deps -d /tmp/vnp63 "vietnam-provinces==0.6.0"
    pip download --no-deps -d /tmp/vnp34 "vietnam-provinces==2025.10.1"
    (cd /tmp/vnp63 && unzip -qo *.whl) && (cd /tmp/vnp34 && unzip -qo *.whl)
    python3 scripts/verify_merger_map.py /tmp/vnp63 /tmp/vnp34
Prints every province whose table entry disagrees; exit 1 if any does."""
import json, os, re, sys
from collections import Counter

def load(d):
    return json.load(open(os.path.join(d, "vietnam_provinces/data/nested-divisions.json"), encoding="utf-8"))

def strip(n):
    for p in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu "):
        if n.startswith(p):
            return n[len(p):]
    return n

def norm(n):
    n = strip(n).replace("Hoà", "Hòa").replace("Thừa Thiên Huế", "Huế")
    return {"Hồ Chí Minh": "Thành phố Hồ Chí Minh"}.get(n, n)

old, new = load(sys.argv[1]), load(sys.argv[2])
wards = {}
for p in new:
    for w in p["wards"]:
        wards.setdefault(strip(w["name"]), set()).add(norm(p["name"]))
table = dict(re.findall(r'"([^"]+)": "([^"]+)"', open("Sources/TTDNCore/Model/Provinces2025.swift", encoding="utf-8").read()))
table["Huế"] = "Huế"
bad = 0
for p in old:
    votes = Counter(np for d in p["districts"] for w in d["wards"] for np in wards.get(strip(w["name"]), ()))
    name, found = norm(p["name"]), votes.most_common(1)[0][0]
    want = table.get(name) or table.get("Thừa Thiên Huế" if name == "Huế" else name)
    if want != found:
        bad += 1
        print(f"{name}: table says {want}, ward names say {found}")
print(f"{len(old) - bad} of {len(old)} provinces agree")
sys.exit(1 if bad else 0)
