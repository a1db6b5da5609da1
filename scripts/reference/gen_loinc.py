#!/usr/bin/env python3
"""Generate Sources/CareBridgeServer/Resources/reference/codes/loinc.json.

A curated subset of LOINC for what CareBridge records (TB, HIV, hepatitis B/C,
measles and other vaccine-preventable-disease serology, syphilis, pregnancy).
The list of codes and the source of each display is in
scripts/reference/sources/loinc_selection.tsv. For each code:

  display   = the LOINC Long Common Name (LCN), taken from
              - the ValueSet resources of the NACHC HIV screening CDS IG
                (https://github.com/cqframework/hiv-cds, value sets expanded from
                VSAC, so displays are LCNs of a recent LOINC release), or
              - the LOINC table extract shipped as table at_medevit_elexis_loinc in
                jubula-tests/rsc/db/postgresql/simpel.sql of
                https://github.com/ngiger/elexis-jubula (a ~2016 LOINC release:
                older method wording such as "Probe and target amplification
                method"), or
              - a public LOINC term page transcribed into the TSV (loinc.org, or
                findacode.com / healthassure.in pages that reproduce the table);
  component = the COMPONENT column of the LOINC table extract
              LoincTableCore.csv (LOINC_NUM, COMPONENT only) in
              https://github.com/razsh98/CDSS-Mini-Project (LOINC release of
              about 2020); empty if the code is newer than that extract;
  kind      = derived from the LCN: "panel" (… panel), "qualitative"
              ([Presence], [Interpretation], "Qualitative"), "nominal"
              ([Identifier] or "… identified in …": coded organism/finding
              answer), otherwise
              "quantitative";
  ucum      = example UCUM unit only where the cited page states one.

The generator also checks every code's LOINC mod-10 check digit and that the
code exists in the component extract (or is marked as newer).

Usage: python3 scripts/reference/gen_loinc.py [--src OWNER/NAME=PATH ...]
"""

import csv
import io
import json
import os
import re
import sys

import refsources as rs

HIV_CDS = "cqframework/hiv-cds"
HIV_CDS_DIR = "input/vocabulary/valueset/generated"
ELEXIS = "ngiger/elexis-jubula"
ELEXIS_PATH = "jubula-tests/rsc/db/postgresql/simpel.sql"
CORE = "razsh98/CDSS-Mini-Project"
CORE_PATH = "LoincTableCore.csv"
SELECTION = os.path.join(rs.HERE, "sources", "loinc_selection.tsv")

LOINC_NOTICE = ("This material contains content from LOINC (http://loinc.org). LOINC is "
                "copyright \u00a9 Regenstrief Institute, Inc. and the LOINC Committee and is "
                "available at no cost under the license at http://loinc.org/license.")


def check_digit_ok(code):
    m = re.fullmatch(r"(\d+)-(\d)", code)
    if not m:
        return False
    total = 0
    for i, ch in enumerate(reversed(m.group(1))):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            v = v // 10 + v % 10
        total += v
    return (10 - total % 10) % 10 == int(m.group(2))


def load_selection():
    rows = []
    with open(SELECTION, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            parts += [""] * (6 - len(parts))
            code, topic, source, lcn, ucum, note = parts[:6]
            rows.append({"code": code, "topic": topic, "source": source,
                         "lcn": lcn, "ucum": ucum, "note": note})
    return rows


def load_hiv_cds(overrides):
    displays = {}
    for name in rs.list_dir(HIV_CDS, HIV_CDS_DIR, overrides):
        if not name.endswith(".json"):
            continue
        path = HIV_CDS_DIR + "/" + name
        vs = json.loads(rs.read_text(HIV_CDS, path, overrides))
        for inc in vs.get("compose", {}).get("include", []):
            if inc.get("system") != "http://loinc.org":
                continue
            for c in inc.get("concept", []):
                if c.get("display"):
                    displays.setdefault(c["code"], (c["display"], path))
    return displays


def load_elexis(overrides):
    text = rs.read_text(ELEXIS, ELEXIS_PATH, overrides)
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("COPY at_medevit_elexis_loinc"))
    table = {}
    for l in lines[start + 1:]:
        if l == "\\.":
            break
        p = l.split("\t")
        if len(p) >= 7:
            table[p[3]] = {"lcn": p[4], "short": p[5], "class": p[6]}
    return table


def load_components(overrides):
    text = rs.read_text(CORE, CORE_PATH, overrides)
    return {r["LOINC_NUM"]: r["COMPONENT"] for r in csv.DictReader(io.StringIO(text))}


def kind_of(lcn):
    low = lcn.lower()
    if re.search(r"\bpanel\b", low):
        return "panel"
    if "[presence]" in low or "[interpretation]" in low or low.endswith(" qualitative"):
        return "qualitative"
    if "[identifier]" in low or " identified in " in low:
        return "nominal"
    return "quantitative"


def main():
    overrides = rs.parse_src_args(sys.argv[1:])
    selection = load_selection()
    hiv = load_hiv_cds(overrides)
    elexis = load_elexis(overrides)
    comps = load_components(overrides)

    seen = set()
    codes = []
    for row in selection:
        code = row["code"]
        if code in seen:
            sys.exit("duplicate code in selection: " + code)
        seen.add(code)
        if not check_digit_ok(code):
            sys.exit("bad LOINC check digit: " + code)
        src = row["source"]
        if src == "hiv-cds":
            if code not in hiv:
                sys.exit("%s not found in %s" % (code, HIV_CDS))
            display, path = hiv[code]
            source = {"id": "hiv-cds", "path": path}
        elif src == "elexis":
            if code not in elexis:
                sys.exit("%s not found in %s" % (code, ELEXIS))
            display = elexis[code]["lcn"]
            source = {"id": "elexis-loinc-extract"}
        elif src.startswith("http"):
            display = row["lcn"]
            if not display:
                sys.exit("no LCN transcribed for " + code)
            source = {"id": "loinc-term-page", "url": src}
        else:
            sys.exit("unknown source %r for %s" % (src, code))
        if code in elexis and elexis[code]["lcn"] != display:
            print("note: %s LCN differs between releases: %r (chosen) vs %r (elexis extract)"
                  % (code, display, elexis[code]["lcn"]))
        if code in hiv and hiv[code][0] != display:
            print("note: %s LCN differs: %r (chosen) vs %r (hiv-cds)" % (code, display, hiv[code][0]))
        entry = {"code": code, "display": display}
        component = comps.get(code)
        entry["component"] = component
        if component is None:
            print("note: %s not in the component extract (newer code)" % code)
        entry["kind"] = kind_of(display)
        if row["ucum"]:
            entry["ucum"] = row["ucum"]
        entry["topic"] = row["topic"]
        entry["displaySource"] = source
        if row["note"]:
            entry["note"] = row["note"]
        codes.append(entry)

    codes.sort(key=lambda e: int(e["code"].split("-")[0]))

    doc = {
        "system": "http://loinc.org",
        "version": None,
        "versionNote": "Curated subset; displays come from several LOINC releases (see each "
                       "entry's displaySource): loinc.org pages 2.69-2.80, VSAC-expanded value "
                       "sets (recent), and a ~2016 table extract whose method wording predates "
                       "LOINC 2.6x renames (e.g. 'Probe and target amplification method' is now "
                       "'NAA with probe detection'). Codes are stable across releases.",
        "copyright": LOINC_NOTICE,
        "content": "Curated LOINC subset for CareBridge; sorted numerically by LOINC number. "
                   "kind: qualitative (answers positive/negative/indeterminate), quantitative "
                   "(numeric; ucum where a source states the example unit), nominal (coded "
                   "answer such as an organism or finding), panel (order/grouping code).",
        "counts": {"total": len(codes)},
        "sources": {
            "hiv-cds": {
                "title": "HIV Screening Clinical Guidelines Implementation Guide (value sets)",
                "publisher": "National Association of Community Health Centers (NACHC) / cqframework",
                "repository": "https://github.com/" + HIV_CDS,
                "path": HIV_CDS_DIR,
                "commit": rs.SOURCES[HIV_CDS],
            },
            "elexis-loinc-extract": {
                "title": "LOINC table extract (LOINC_NUM, LONG_COMMON_NAME, SHORTNAME, CLASS) "
                         "in the Elexis test database, table at_medevit_elexis_loinc",
                "repository": "https://github.com/" + ELEXIS,
                "path": ELEXIS_PATH,
                "commit": rs.SOURCES[ELEXIS],
                "url": rs.github_url(ELEXIS, ELEXIS_PATH),
            },
            "loinc-term-page": {
                "title": "Public LOINC term pages (loinc.org by Regenstrief; findacode.com and "
                         "healthassure.in reproduce the LOINC table)",
                "note": "LCN transcribed into scripts/reference/sources/loinc_selection.tsv",
            },
            "component": {
                "title": "LoincTableCore.csv (LOINC_NUM, COMPONENT)",
                "repository": "https://github.com/" + CORE,
                "path": CORE_PATH,
                "commit": rs.SOURCES[CORE],
                "url": rs.github_url(CORE, CORE_PATH),
            },
        },
        "codes": codes,
    }
    path = rs.write_json("loinc.json", doc)
    print("wrote %s: %d codes" % (path, len(codes)))


if __name__ == "__main__":
    main()
