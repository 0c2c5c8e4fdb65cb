#!/usr/bin/env python3
"""Extract realistic parties for demo data and fixtures from the public-domain
OFAC SDN list (../shared/data): entities under the non-proliferation (NPWMD)
program with their aliases and addresses. Writes pkg/fixtures/parties.json.

Usage: python3 scripts/extract-parties.py ../shared/data > pkg/fixtures/parties.json
These are 2019-2021 snapshots of a US list, used as realistic names only:
never present them as current sanctions data."""
import csv, json, sys

COUNTRIES = {
    "Iran": "IRN", "Korea, North": "PRK", "China": "CHN", "Syria": "SYR", "Russia": "RUS",
    "United Arab Emirates": "ARE", "Hong Kong": "HKG", "Pakistan": "PAK", "Belarus": "BLR",
    "Taiwan": "TWN", "Singapore": "SGP", "Turkey": "TUR", "Malaysia": "MYS", "Germany": "DEU",
    "Iraq": "IRQ", "Lebanon": "LBN", "Egypt": "EGY", "India": "IND", "Sudan": "SDN",
    "Burma": "MMR", "Switzerland": "CHE", "Ukraine": "UKR", "Armenia": "ARM", "Georgia": "GEO",
}

def rows(path):
    with open(path, encoding="latin-1", newline="") as f:
        for r in csv.reader(f):
            yield [c.strip() for c in r]

def clean(s):
    return "" if s in ("-0-", "") else s

def main(d):
    ents = {r[0]: r for r in rows(f"{d}/ofac_sdn.csv") if len(r) > 3 and "NPWMD" in r[3] and clean(r[2]) == ""}
    aliases, addrs = {}, {}
    for r in rows(f"{d}/ofac_alt.csv"):
        if r and r[0] in ents and len(r) > 3:
            aliases.setdefault(r[0], []).append(r[3])
    for r in rows(f"{d}/ofac_add.csv"):
        if r and r[0] in ents and len(r) > 4 and clean(r[4]) in COUNTRIES:
            addrs.setdefault(r[0], []).append({"street": clean(r[2]), "city": clean(r[3]), "country": COUNTRIES[r[4]]})
    out = []
    for num, r in ents.items():
        a = [x for x in addrs.get(num, []) if x["city"] or x["street"]]
        if not a:
            continue
        out.append({"source": "OFAC SDN " + num, "name": r[1], "aliases": aliases.get(num, [])[:10],
                    "addresses": [{"Street": x["street"], "City": x["city"], "Country": x["country"]} for x in a[:3]], "country": a[0]["country"]})
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()

main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
