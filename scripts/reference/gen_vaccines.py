#!/usr/bin/env python3
"""Generate Sources/CareBridgeServer/Resources/reference/codes/vaccines.json.

CVX codes (system http://hl7.org/fhir/sid/cvx):
  - every code of the CDC "Vaccines administered" (CVX) code set, with its full
    vaccine name, short description, status, non-vaccine flag and notes, read
    from export/cvx/cvx.obo of https://github.com/biopragmatics/obo-db-ingest
    (PyOBO conversion, 2025-10-31, of the CDC table at
    https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx);
  - the antigens each CVX covers, from the cvxToAntigenMap of the CDC
    "Clinical Decision Support for Immunization (CDSi)" supporting data,
    version 4.64, file ScheduleSupportingData.xml, as kept in
    cicada_generator/lib/Version_4.64-508/XML/ of https://github.com/fhir-fli/cicada;
    CVX 19 (BCG), which the US schedule data does not map, takes its antigen
    from the WHO-schedule supporting data of the same project
    (cicada_generator/lib/generated_files/who/schedule_supporting_data.json).

ATC codes (system http://www.whocc.no/atc): the codes and displays listed in
the WHO SMART Guidelines Immunizations IG value sets IMMZ.Z.DE* (one value set
per antigen), transcribed into scripts/reference/sources/who_smart_immz_atc.tsv.
An ATC code's antigens are the antigens of the value sets that list it, plus a
documented keyword rule on the ATC name for antigens whose value set lists no
ATC code in the version read (mumps, poliomyelitis) or was not read
(meningococcus, typhoid, pneumococcus combinations).

Antigen identifiers are lower-case slugs (measles, mumps, rubella, diphtheria,
tetanus, pertussis, polio, hib, hepatitis-b, tb, ...), listed under "antigens".

Usage: python3 scripts/reference/gen_vaccines.py [--src OWNER/NAME=PATH ...]
"""

import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import refsources as rs

CVX_REPO = "biopragmatics/obo-db-ingest"
CVX_PATH = "export/cvx/cvx.obo"
CDSI_REPO = "fhir-fli/cicada"
CDSI_PATH = "cicada_generator/lib/Version_4.64-508/XML/ScheduleSupportingData.xml"
WHO_SSD_PATH = "cicada_generator/lib/generated_files/who/schedule_supporting_data.json"
ATC_TSV = os.path.join(rs.HERE, "sources", "who_smart_immz_atc.tsv")

# CDSi antigen name -> CareBridge antigen slug
ANTIGEN_SLUG = {
    "Diphtheria": "diphtheria", "Tetanus": "tetanus", "Pertussis": "pertussis",
    "Polio": "polio", "Hib": "hib", "HepB": "hepatitis-b", "HepA": "hepatitis-a",
    "Measles": "measles", "Mumps": "mumps", "Rubella": "rubella",
    "Varicella": "varicella", "Zoster": "zoster", "HPV": "hpv",
    "Influenza": "influenza", "COVID-19": "covid-19", "Pneumococcal": "pneumococcal",
    "Meningococcal": "meningococcal", "Meningococcal B": "meningococcal-b",
    "Rotavirus": "rotavirus", "Yellow Fever": "yellow-fever", "Typhoid": "typhoid",
    "Cholera": "cholera", "Rabies": "rabies",
    "Japanese Encephalitis": "japanese-encephalitis", "TBE": "tick-borne-encephalitis",
    "Dengue": "dengue", "Ebola": "ebola", "Orthopoxvirus": "orthopoxvirus",
    "RSV": "rsv", "Chikungunya": "chikungunya", "Tuberculosis": "tb",
}

# WHO SMART IMMZ.Z value set -> antigen slug
VALUE_SET_ANTIGEN = {
    "DE1": "tb", "DE2": "cholera", "DE3": "diphtheria", "DE4": "hib",
    "DE5": "hepatitis-a", "DE6": "hepatitis-b", "DE7": "hpv",
    "DE8": "japanese-encephalitis", "DE9": "measles", "DE12": "pertussis",
    "DE13": "pneumococcal", "DE17": "rubella", "DE18": "influenza",
    "DE19": "tetanus", "DE22": "varicella", "DE26": "covid-19",
    "DE30": "polio", "DE31": "polio",
}

# Keyword rule on ATC names (lower-case substring -> antigen), see docstring.
ATC_NAME_RULES = [
    ("mumps", "mumps"),
    ("poliomyelitis", "polio"),
    ("meningococcus", "meningococcal"),
    ("typhoid", "typhoid"),
    ("pneumococcus", "pneumococcal"),
]

OBO_UNESCAPE = re.compile(r"\\(.)")


def obo_value(s):
    return OBO_UNESCAPE.sub(r"\1", s)


def load_cvx(overrides):
    text = rs.read_text(CVX_REPO, CVX_PATH, overrides)
    terms = {}
    for block in text.split("\n[Term]\n")[1:]:
        block = block.split("\n[Typedef]\n")[0]
        t = {"synonyms": [], "parents": []}
        for line in block.splitlines():
            if line.startswith("id: cvx:"):
                t["code"] = line[len("id: cvx:"):].strip()
            elif line.startswith("name: "):
                t["name"] = obo_value(line[len("name: "):].strip())
            elif line.startswith("synonym: "):
                m = re.match(r'synonym: "((?:[^"\\]|\\.)*)"', line)
                if m:
                    t["synonyms"].append(obo_value(m.group(1)))
            elif line.startswith("comment: "):
                m = re.match(r'comment: "((?:[^"\\]|\\.)*)"', line)
                t["comment"] = obo_value(m.group(1)) if m else obo_value(line[9:])
            elif line.startswith("property_value: status "):
                t["status"] = re.search(r'"([^"]*)"', line).group(1)
            elif line.startswith("property_value: nonvaccine "):
                t["nonvaccine"] = re.search(r'"([^"]*)"', line).group(1) == "true"
            elif line.startswith("is_a: cvx:"):
                t["parents"].append(line.split()[1][len("cvx:"):])
        if "code" in t:
            terms[t["code"]] = t
    return terms


def load_cdsi(overrides):
    root = ET.fromstring(rs.read_text(CDSI_REPO, CDSI_PATH, overrides))
    out = {}
    for m in root.find("cvxToAntigenMap").findall("cvxMap"):
        cvx = m.findtext("cvx").strip()
        out[cvx] = {
            "short": (m.findtext("shortDescription") or "").strip(),
            "antigens": [a.findtext("antigen").strip() for a in m.findall("association")],
        }
    return out


def load_who_ssd(overrides):
    d = json.loads(rs.read_text(CDSI_REPO, WHO_SSD_PATH, overrides))
    return {m["cvx"]: [a["antigen"] for a in m.get("association", [])]
            for m in d["cvxToAntigenMap"]["cvxMap"]}


def slugs(names, where):
    out = []
    for n in names:
        if n not in ANTIGEN_SLUG:
            sys.exit("unmapped antigen %r (%s)" % (n, where))
        s = ANTIGEN_SLUG[n]
        if s not in out:
            out.append(s)
    return sorted(out)


def load_atc():
    rows = []
    with open(ATC_TSV, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            vs, code, display = line.split("\t")
            rows.append((vs, code, display))
    return rows


def main():
    overrides = rs.parse_src_args(sys.argv[1:])
    cvx = load_cvx(overrides)
    cdsi = load_cdsi(overrides)
    who = load_who_ssd(overrides)

    missing = sorted(set(cdsi) - set(cvx), key=int)
    if missing:
        print("note: CDSi maps CVX not present in the CVX table: %s" % " ".join(missing))

    cvx_entries = []
    for code in sorted(cvx, key=lambda c: int(c)):
        t = cvx[code]
        e = {"system": "http://hl7.org/fhir/sid/cvx", "code": code, "display": t["name"]}
        if t["synonyms"]:
            e["shortDescription"] = t["synonyms"][0]
        e["status"] = t.get("status")
        e["nonVaccine"] = t.get("nonvaccine", False)
        if code in cdsi:
            e["antigens"] = slugs(cdsi[code]["antigens"], "CDSi cvx %s" % code)
            e["antigenSource"] = "cdc-cdsi-4.64"
        elif code in who:
            e["antigens"] = slugs(who[code], "WHO ssd cvx %s" % code)
            e["antigenSource"] = "cicada-who-schedule"
        else:
            e["antigens"] = []
        groups = sorted(set(p for p in t["parents"] if p != code), key=int)
        if groups:
            e["vaccineGroups"] = groups
        if t.get("comment"):
            e["note"] = t["comment"]
        cvx_entries.append(e)

    atc = {}
    for vs, code, display in load_atc():
        if vs not in VALUE_SET_ANTIGEN:
            sys.exit("unknown value set " + vs)
        e = atc.setdefault(code, {"display": display, "valueSets": [], "antigens": set(),
                                  "byName": set()})
        if e["display"] != display:
            sys.exit("conflicting displays for %s: %r / %r" % (code, e["display"], display))
        if vs not in e["valueSets"]:
            e["valueSets"].append(vs)
        e["antigens"].add(VALUE_SET_ANTIGEN[vs])
    for code, e in atc.items():
        low = e["display"].lower()
        for kw, antigen in ATC_NAME_RULES:
            if kw in low and antigen not in e["antigens"]:
                e["antigens"].add(antigen)
                e["byName"].add(antigen)
    atc_entries = []
    for code in sorted(atc):
        e = atc[code]
        entry = {"system": "http://www.whocc.no/atc", "code": code, "display": e["display"],
                 "level": "group" if len(code) == 5 else "substance",
                 "antigens": sorted(e["antigens"]),
                 "whoSmartValueSets": ["IMMZ.Z." + v for v in
                                       sorted(e["valueSets"], key=lambda v: int(v[2:]))]}
        if e["byName"]:
            entry["antigensFromName"] = sorted(e["byName"])
        atc_entries.append(entry)

    all_antigens = sorted({a for e in cvx_entries for a in e["antigens"]} |
                          {a for e in atc_entries for a in e["antigens"]})

    doc = {
        "content": "Vaccine codes: CVX (all codes of the CDC table, sorted numerically) then "
                   "ATC (J07 and BCG codes listed by the WHO SMART Immunizations IG, sorted). "
                   "antigens = the diseases/antigens a product covers, for per-antigen "
                   "catch-up; empty for immune globulins, non-vaccines and products "
                   "without a mapping in the sources.",
        "systems": {
            "cvx": "http://hl7.org/fhir/sid/cvx",
            "atc": "http://www.whocc.no/atc",
        },
        "antigens": all_antigens,
        "counts": {"cvx": len(cvx_entries),
                   "cvxWithAntigens": sum(1 for e in cvx_entries if e["antigens"]),
                   "atc": len(atc_entries)},
        "sources": {
            "cvx": {
                "title": "CVX - Vaccines Administered",
                "publisher": "CDC National Center for Immunization and Respiratory Diseases",
                "url": "https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx",
                "readFrom": {"repository": "https://github.com/" + CVX_REPO, "path": CVX_PATH,
                             "commit": rs.SOURCES[CVX_REPO],
                             "url": rs.github_url(CVX_REPO, CVX_PATH),
                             "note": "PyOBO conversion of the CDC table dated 2025-10-31"},
                "licence": "US government work (CDC), public domain",
            },
            "cdc-cdsi-4.64": {
                "title": "Clinical Decision Support for Immunization (CDSi) supporting data, "
                         "cvxToAntigenMap",
                "publisher": "CDC",
                "version": "4.64",
                "readFrom": {"repository": "https://github.com/" + CDSI_REPO, "path": CDSI_PATH,
                             "commit": rs.SOURCES[CDSI_REPO],
                             "url": rs.github_url(CDSI_REPO, CDSI_PATH)},
                "licence": "US government work (CDC), public domain",
            },
            "cicada-who-schedule": {
                "title": "WHO-schedule supporting data of the cicada CDSi engine (used only for "
                         "CVX 19, BCG, which the CDC data does not map)",
                "readFrom": {"repository": "https://github.com/" + CDSI_REPO,
                             "path": WHO_SSD_PATH, "commit": rs.SOURCES[CDSI_REPO],
                             "url": rs.github_url(CDSI_REPO, WHO_SSD_PATH)},
                "licence": "MIT (repository)",
            },
            "atc": {
                "title": "WHO SMART Guidelines - Immunizations IG, value sets IMMZ.Z.DE* "
                         "(vaccine terminology codes per antigen)",
                "publisher": "World Health Organization",
                "readFrom": {"repository": "https://github.com/WorldHealthOrganization/smart-immunizations",
                             "path": "input/fsh/valuesets/IMMZ.Z.DE*.fsh",
                             "commit": "4e0fa50f507e279a6ae18d0daaec3f5b158772ae",
                             "transcribedTo": "scripts/reference/sources/who_smart_immz_atc.tsv"},
                "licence": "ATC codes and names: WHO Collaborating Centre for Drug Statistics "
                           "Methodology; use permitted, reproduction for commercial purposes "
                           "requires permission (https://www.whocc.no/copyright_disclaimer/).",
                "atcNameRule": "antigens also derived from ATC names containing: " +
                               ", ".join("'%s'->%s" % r for r in ATC_NAME_RULES),
            },
        },
        "codes": cvx_entries + atc_entries,
    }
    path = rs.write_json("vaccines.json", doc)
    print("wrote %s: %d CVX (%d with antigens), %d ATC" % (
        path, len(cvx_entries), doc["counts"]["cvxWithAntigens"], len(atc_entries)))


if __name__ == "__main__":
    main()
