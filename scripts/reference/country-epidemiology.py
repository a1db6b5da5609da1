#!/usr/bin/env python3
"""Generate Sources/CareBridgeServer/Resources/reference/country-epidemiology.json.

Usage: python3 scripts/reference/country-epidemiology.py [--out FILE] [--check]

The file holds per-country figures that the migrant screening rules use (ECDC 2018
guidance: TB incidence, HIV prevalence, HBsAg and anti-HCV prevalence, schistosomiasis
and strongyloidiasis endemicity). Every figure comes from one of the public source files
listed in SOURCES below, read as they are; no figure is typed in by hand (the one source
that could not be read from a mirror, the WHO hepatitis file, is kept in sources/ as a
verbatim copy of its rows). A figure a source does not give for a country is left out
(absent), never guessed.

Where the source files came from
--------------------------------
Each source is a file in a public GitHub repository, pinned to a commit. By default the
script reads it from a bare git mirror of that repository (`git --git-dir=MIRROR show
COMMIT:PATH`), or from the copy in sources/ where FILES names one ("local"); set the environment variable named in "env" to a local copy of the file
instead (for example one downloaded from the repository's raw URL at that commit).

  who-tb-2024      github.com/mkaganozturk26/VBM604-Project-Report @ 27815dac9c2f...
                   who_tb_data.csv: WHO Global TB Programme burden estimates (the
                   getTBinR / tidytuesday extract, years 2000-2023, i.e. the estimates of
                   the Global tuberculosis report 2024); column e_inc_100k = estimated TB
                   incidence, all forms, per 100 000 population. Original publisher:
                   https://www.who.int/teams/global-tuberculosis-programme/data
  unaids-2024      github.com/yashparikh26/outbreaks @ 4116e90cb1ae...
                   hiv_infected/share-of-the-population-infected-with-hiv.csv (+ its
                   .metadata.json): Our World in Data chart data package downloaded
                   2025-04-15. Column "HIV prevalence - Sex: total - Age: 15-49 - Central
                   estimate" = % of people aged 15-49 living with HIV. The metadata names
                   the original source: Joint United Nations Programme on HIV/AIDS (2024),
                   Global AIDS Update, https://aidsinfo.unaids.org/ (UNAIDS estimates, not
                   IHME), "with minor processing by Our World in Data".
  who-hbv-2024     github.com/Derektshiabuila/Hepatitis-Dashboard @ 39ae79296a00...
  who-hcv-2024     results/who_gho/who_gho_hepatitis_country_profiles.tsv: WHO Global Health Observatory
                   hepatitis indicators fetched from the GHO OData API (https://ghoapi.azureedge.net/api/)
                   by that repository's scripts/who_gho_extractor.py. Column hbv_prevalence_pct =
                   HEPATITIS_HBV_PREVALENCE_PER100, prevalence of chronic hepatitis B infection in the general
                   population, % (chronic HBV infection is HBsAg-positive infection, so this is the HBsAg
                   prevalence the ECDC threshold refers to); column hcv_prevalence_pct =
                   HEPATITIS_HCV_PREVALENCE_PER100, "Prevalence of chronic hepatitis C (HCV) in the general
                   population (%)", i.e. viraemic (HCV RNA-positive) infection, which is LOWER than anti-HCV
                   antibody prevalence (antibodies persist after cure or clearance). Both are WHO's 2022
                   estimates, the only year the file gives (WHO published its 2022 country estimates with
                   the Global hepatitis report 2024; 187 countries have an HCV figure). That commit is not in
                   the snapshot of the repository that can be fetched here, so its year-2022 rows were copied
                   verbatim into scripts/reference/sources/who_gho_hepatitis_2022.tsv, which is what the script
                   reads (set CAREBRIDGE_WHO_HEPATITIS_TSV to the whole original file to read that instead; the
                   result is the same). No per-country anti-HCV antibody table was found (see README.md).
  un-m49           github.com/lukes/ISO-3166-Countries-with-Regional-Codes @ 145f1ad3caff...
                   all/all.csv: ISO 3166-1 codes merged with the UN M49 "Standard country
                   or area codes for statistical use" regions (region, sub-region,
                   intermediate-region); https://unstats.un.org/unsd/methodology/m49/
  ecdc-2018        ECDC (2018) "Public health guidance on screening and vaccination for
                   infectious diseases in newly arrived migrants within the EU/EEA",
                   https://www.ecdc.europa.eu/en/publications-data/public-health-guidance-screening-and-vaccination-infectious-diseases-newly
                   as summarised in shared/reference/screening-guidance.md: schistosomiasis
                   for migrants from sub-Saharan Africa and focal areas of Asia, the Middle
                   East and South America; strongyloidiasis for migrants from endemic areas
                   of Asia, Africa, the Middle East, Oceania and Latin America. No
                   country-level list of endemic countries was found in a readable source
                   file, so the endemicity fields encode this regional rule through the
                   UN M49 region of each country (see endemicity() below).

Hepatitis: hcvPrevalencePercent carries WHO's chronic (viraemic) HCV prevalence, the only
per-country HCV table found; antiHcvPrevalencePercent (antibody prevalence, what the ECDC threshold
names) stays absent. Chronic prevalence is lower than anti-HCV prevalence, so the shipped hepatitis C
rule, which reads hcvPrevalencePercent against the 2% threshold, fires for fewer countries than an
antibody table would make it. WHO GHO's SDG 3.3.4 indicator (HBsAg prevalence in
children under 5) is not the population prevalence the ECDC threshold refers to and is not used.

Countries are keyed by the ISO 3166-1 alpha-2 codes of
Sources/CareBridgeServer/Resources/reference/countries.json; source rows that do not map
to one of them (regional aggregates, OWID_WRL, ...) are dropped. Sources are joined on the
alpha-3 code, which avoids the "'NA'" spelling of Namibia's alpha-2 in the TB file.

--check regenerates in memory and exits 1 if the committed file differs.
Standard library only (plus the git command when reading from mirrors).
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE_DIR = os.path.join(ROOT, "Sources", "CareBridgeServer", "Resources", "reference")
COUNTRIES_JSON = os.path.join(REFERENCE_DIR, "countries.json")
OUT_JSON = os.path.join(REFERENCE_DIR, "country-epidemiology.json")
MIRRORS = os.environ.get("CAREBRIDGE_MIRRORS", "/work/.mirror")

# Files read, by source id. "mirror" is the bare git directory of the repository.
FILES = {
    "who-tb": {
        "repo": "mkaganozturk26/VBM604-Project-Report",
        "commit": "27815dac9c2fdab379891e5e448031587e66b6ef",
        "path": "who_tb_data.csv",
        "mirror": os.path.join(MIRRORS, "mkaganozturk26+VBM604-Project-Report", "repo"),
        "env": "CAREBRIDGE_WHO_TB_CSV",
    },
    "hiv": {
        "repo": "yashparikh26/outbreaks",
        "commit": "4116e90cb1ae222995ccbc4386f5ab30f49d3cbe",
        "path": "hiv_infected/share-of-the-population-infected-with-hiv.csv",
        "mirror": os.path.join(MIRRORS, "yashparikh26+outbreaks", "repo"),
        "env": "CAREBRIDGE_HIV_CSV",
    },
    "hiv-metadata": {
        "repo": "yashparikh26/outbreaks",
        "commit": "4116e90cb1ae222995ccbc4386f5ab30f49d3cbe",
        "path": "hiv_infected/share-of-the-population-infected-with-hiv.metadata.json",
        "mirror": os.path.join(MIRRORS, "yashparikh26+outbreaks", "repo"),
        "env": "CAREBRIDGE_HIV_METADATA_JSON",
    },
    "who-hepatitis": {
        "repo": "Derektshiabuila/Hepatitis-Dashboard",
        "commit": "39ae79296a000793839836346a7052dc8e480945",
        "path": "results/who_gho/who_gho_hepatitis_country_profiles.tsv",
        # The commit is not in the fetchable snapshot: its 2022 rows are kept in sources/ (see the file's header).
        "local": os.path.join(os.path.dirname(os.path.abspath(__file__)), "sources", "who_gho_hepatitis_2022.tsv"),
        "env": "CAREBRIDGE_WHO_HEPATITIS_TSV",
    },
    "m49": {
        "repo": "lukes/ISO-3166-Countries-with-Regional-Codes",
        "commit": "145f1ad3caff212ed25f42b0ee2c8b92a75af895",
        "path": "all/all.csv",
        "mirror": os.path.join(MIRRORS, "lukes+ISO-3166-Countries-with-Regional-Codes", "repo"),
        "env": "CAREBRIDGE_M49_CSV",
    },
}

HIV_COLUMN = "HIV prevalence - Sex: total - Age: 15-49 - Central estimate"
HBV_COLUMN = "hbv_prevalence_pct"   # GHO HEPATITIS_HBV_PREVALENCE_PER100
HCV_COLUMN = "hcv_prevalence_pct"   # GHO HEPATITIS_HCV_PREVALENCE_PER100

ECDC_URL = ("https://www.ecdc.europa.eu/en/publications-data/"
            "public-health-guidance-screening-and-vaccination-infectious-diseases-newly")


def retrieved_from(key):
    f = FILES[key]
    return f"github.com/{f['repo']} @ {f['commit']} : {f['path']}"


SOURCES = {
    "who-tb-2024": {
        "title": "WHO Global Tuberculosis Programme burden estimates (Global tuberculosis report 2024; "
                 "e_inc_100k, estimated incidence of TB, all forms, per 100 000 population)",
        "publisher": "World Health Organization",
        "year": 2024,
        "url": "https://www.who.int/teams/global-tuberculosis-programme/data",
        "retrievedFrom": retrieved_from("who-tb"),
    },
    "unaids-2024": {
        "title": "HIV prevalence, % of adults aged 15-49, central estimate (UNAIDS Global AIDS Update; "
                 "via Our World in Data chart 'Share of the population living with HIV', downloaded 2025-04-15)",
        "publisher": "Joint United Nations Programme on HIV/AIDS (UNAIDS), with minor processing by Our World in Data",
        "year": 2024,
        "url": "https://aidsinfo.unaids.org/",
        "retrievedFrom": retrieved_from("hiv"),
    },
    "who-hbv-2024": {
        "title": "Prevalence of chronic hepatitis B infection (HBsAg-positive) in the general population, % "
                 "(WHO Global Health Observatory indicator HEPATITIS_HBV_PREVALENCE_PER100; 2022 estimates, "
                 "published with the WHO Global hepatitis report 2024)",
        "publisher": "World Health Organization",
        "year": 2024,
        "url": "https://ghoapi.azureedge.net/api/HEPATITIS_HBV_PREVALENCE_PER100",
        "retrievedFrom": retrieved_from("who-hepatitis") + " (column hbv_prevalence_pct; year-2022 rows kept in "
                         "scripts/reference/sources/who_gho_hepatitis_2022.tsv)",
    },
    "who-hcv-2024": {
        "title": "Prevalence of chronic hepatitis C (HCV) in the general population, % - viraemic infection, "
                 "not anti-HCV antibody prevalence, which is higher (WHO Global Health Observatory indicator "
                 "HEPATITIS_HCV_PREVALENCE_PER100; 2022 estimates, published with the WHO Global hepatitis "
                 "report 2024)",
        "publisher": "World Health Organization",
        "year": 2024,
        "url": "https://ghoapi.azureedge.net/api/HEPATITIS_HCV_PREVALENCE_PER100",
        "retrievedFrom": retrieved_from("who-hepatitis") + " (column hcv_prevalence_pct; year-2022 rows kept in "
                         "scripts/reference/sources/who_gho_hepatitis_2022.tsv)",
    },
    "ecdc-2018": {
        "title": "Public health guidance on screening and vaccination for infectious diseases in newly "
                 "arrived migrants within the EU/EEA (regional rule for schistosomiasis and strongyloidiasis, "
                 "applied through the UN M49 region of each country)",
        "publisher": "European Centre for Disease Prevention and Control",
        "year": 2018,
        "url": ECDC_URL,
        "retrievedFrom": "shared/reference/screening-guidance.md (summary of the guidance); "
                         "regions from " + retrieved_from("m49"),
    },
    "un-m49": {
        "title": "Standard country or area codes for statistical use (M49): regions and sub-regions",
        "publisher": "United Nations Statistics Division",
        "year": 2024,
        "url": "https://unstats.un.org/unsd/methodology/m49/",
        "retrievedFrom": retrieved_from("m49"),
    },
}

ABOUT = (
    "Per-country epidemiology used by CareBridge's migrant screening rules (ECDC 2018 guidance: "
    "TB incidence per 100 000, HIV prevalence, HBsAg and anti-HCV prevalence, schistosomiasis and "
    "strongyloidiasis endemicity), keyed by ISO 3166-1 alpha-2 country of origin. Every figure names "
    "its source (see sources) and, where the source is a time series, the year of the estimate (the "
    "latest year the source gives for that country). A figure the sources do not give is absent, "
    "not zero: rules must treat an absent figure as unknown. Endemicity is the ECDC 2018 regional "
    "rule applied to the country's UN M49 region, not a country-level endemicity survey; 'basis' "
    "says which part of the rule applied, and countries where the rule names only focal areas are "
    "left out. Hepatitis B and C figures are WHO's 2022 estimates of chronic infection: for hepatitis B "
    "that is HBsAg prevalence (hbsagPrevalencePercent); for hepatitis C it is viraemic (HCV RNA-positive) "
    "prevalence (hcvPrevalencePercent), lower than the anti-HCV antibody prevalence the ECDC 2% threshold "
    "refers to; antiHcvPrevalencePercent stays absent, since no per-country antibody table was found. The file is generated by scripts/reference/country-epidemiology.py; an "
    "administrator can replace it by importing a newer table in the same format."
)

FIELDS = {
    "tbIncidencePer100k": "Estimated TB incidence (all forms) per 100 000 population, WHO (e_inc_100k).",
    "hivPrevalencePercent": "Percentage of people aged 15-49 living with HIV, UNAIDS central estimate.",
    "hbsagPrevalencePercent": "HBsAg prevalence in the general population, %: WHO's estimate of the prevalence of "
                              "chronic hepatitis B infection (HBsAg-positive), GHO HEPATITIS_HBV_PREVALENCE_PER100, 2022.",
    "antiHcvPrevalencePercent": "Anti-HCV antibody prevalence in the general population, % (no per-country source found "
                                "yet: absent; an imported table can add it, and a rule can read it as anti-hcv-prevalence).",
    "hcvPrevalencePercent": "Chronic hepatitis C prevalence in the general population, %: WHO's estimate of chronic "
                            "(viraemic, HCV RNA-positive) HCV infection, GHO HEPATITIS_HCV_PREVALENCE_PER100, 2022. Lower "
                            "than anti-HCV antibody prevalence.",
    "schistosomiasisEndemic": "ECDC 2018 regional rule: true for UN M49 sub-Saharan Africa; false for regions the "
                              "rule does not name; absent where the rule names only focal areas (Asia incl. "
                              "Middle East, South America) or for Northern Africa (Middle East/Africa boundary).",
    "strongyloidiasisEndemic": "ECDC 2018 regional rule: true for UN M49 Africa, Asia, Latin America and the "
                               "Caribbean, Melanesia, Micronesia, Polynesia; false for Europe and Northern America; "
                               "absent for Australia and New Zealand (focal only).",
    "m49Region": "UN M49 sub-region (e.g. 'Sub-Saharan Africa', 'Southern Asia').",
    "m49IntermediateRegion": "UN M49 intermediate region, where M49 defines one (e.g. 'Eastern Africa').",
}


def read_text(key):
    f = FILES[key]
    override = os.environ.get(f["env"]) or f.get("local")
    if override:
        with open(override, encoding="utf-8-sig") as fh:
            return fh.read()
    try:
        out = subprocess.run(
            ["git", "--git-dir", f["mirror"], "show", f"{f['commit']}:{f['path']}"],
            check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        sys.exit(f"cannot read {f['path']} of {f['repo']} at {f['commit']} from {f['mirror']} "
                 f"({exc}); set {f['env']} to a copy of the file")
    return out.stdout.decode("utf-8-sig")


def number(text):
    """Parse a source cell as a JSON number: int when integral, else float as written."""
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def load_countries():
    with open(COUNTRIES_JSON, encoding="utf-8") as fh:
        countries = json.load(fh)["countries"]
    return {c["alpha3"]: c["alpha2"] for c in countries}


def latest_per_country(rows, alpha3_key, year_key, value_key, alpha2_by_alpha3):
    latest = {}
    for row in rows:
        alpha2 = alpha2_by_alpha3.get(row[alpha3_key].strip())
        cell = row[value_key].strip()
        if alpha2 is None or cell == "":
            continue
        year = int(row[year_key])
        if alpha2 not in latest or year > latest[alpha2][0]:
            latest[alpha2] = (year, number(cell))
    return latest


def tb_incidence(alpha2_by_alpha3):
    rows = list(csv.DictReader(io.StringIO(read_text("who-tb"))))
    for row in rows:  # the iso2 column must agree with the alpha-3 join ('NA' is quoted in the file)
        alpha2 = alpha2_by_alpha3.get(row["iso3"])
        if alpha2 is not None and row["iso2"].strip("'") != alpha2:
            sys.exit(f"TB file: iso2 {row['iso2']!r} does not match iso3 {row['iso3']}")
    return latest_per_country(rows, "iso3", "year", "e_inc_100k", alpha2_by_alpha3)


def hiv_prevalence(alpha2_by_alpha3):
    metadata = json.loads(read_text("hiv-metadata"))
    column = metadata["columns"][HIV_COLUMN]
    if "15-49" not in column["titleLong"] or "HIV/AIDS" not in column["citationShort"]:
        sys.exit("HIV metadata no longer describes UNAIDS prevalence among people aged 15-49")
    rows = list(csv.DictReader(io.StringIO(read_text("hiv"))))
    return latest_per_country(rows, "Code", "Year", HIV_COLUMN, alpha2_by_alpha3)


def hepatitis_prevalence(alpha2_by_alpha3):
    """(HBsAg, chronic HCV) prevalence by alpha-2, latest year each; prints source codes it cannot map."""
    lines = [line for line in read_text("who-hepatitis").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    if not rows or HBV_COLUMN not in rows[0] or HCV_COLUMN not in rows[0]:
        sys.exit(f"WHO hepatitis file: no {HBV_COLUMN} / {HCV_COLUMN} columns")
    unmapped = sorted({row["country"] for row in rows
                       if row["country"] not in alpha2_by_alpha3 and (row[HBV_COLUMN] or row[HCV_COLUMN])})
    if unmapped:
        print("WHO hepatitis file: not mapped to a country: " + ", ".join(unmapped), file=sys.stderr)
    return (latest_per_country(rows, "country", "year", HBV_COLUMN, alpha2_by_alpha3),
            latest_per_country(rows, "country", "year", HCV_COLUMN, alpha2_by_alpha3))


def m49_regions(alpha2_by_alpha3):
    regions = {}
    for row in csv.DictReader(io.StringIO(read_text("m49"))):
        alpha2 = alpha2_by_alpha3.get(row["alpha-3"])
        if alpha2 is not None and row["region"]:
            regions[alpha2] = (row["region"], row["sub-region"], row["intermediate-region"])
    return regions


def endemicity(region, sub_region, intermediate):
    """ECDC 2018 regional rule -> (schistosomiasis, strongyloidiasis), each (value, basis) or None."""
    if sub_region == "Sub-Saharan Africa":
        schisto = (True, "ECDC 2018: sub-Saharan Africa")
    elif region == "Asia" or intermediate == "South America":
        schisto = None  # the rule names focal areas of Asia, the Middle East and South America only
    elif sub_region == "Northern Africa":
        schisto = None  # "Middle East" in the rule may or may not cover it: not decided here
    else:
        schisto = (False, "ECDC 2018: region not named for schistosomiasis (" + sub_region + ")")

    if region in ("Africa", "Asia") or sub_region == "Latin America and the Caribbean":
        strongy = (True, "ECDC 2018: endemic areas of Asia, Africa, Middle East, Latin America (" + sub_region + ")")
    elif region == "Oceania" and sub_region != "Australia and New Zealand":
        strongy = (True, "ECDC 2018: endemic areas of Oceania (" + sub_region + ")")
    elif region == "Oceania":
        strongy = None  # only focal (e.g. remote communities): not decided by the regional rule
    else:
        strongy = (False, "ECDC 2018: region not named for strongyloidiasis (" + sub_region + ")")
    return schisto, strongy


def build():
    alpha2_by_alpha3 = load_countries()
    tb = tb_incidence(alpha2_by_alpha3)
    hiv = hiv_prevalence(alpha2_by_alpha3)
    hbv, hcv = hepatitis_prevalence(alpha2_by_alpha3)
    regions = m49_regions(alpha2_by_alpha3)

    countries = {}
    for alpha2 in sorted(set(alpha2_by_alpha3.values())):
        entry = {}
        for field, figures, source in [("tbIncidencePer100k", tb, "who-tb-2024"), ("hivPrevalencePercent", hiv, "unaids-2024"),
                                       ("hbsagPrevalencePercent", hbv, "who-hbv-2024"), ("hcvPrevalencePercent", hcv, "who-hcv-2024")]:
            if alpha2 in figures:
                year, value = figures[alpha2]
                entry[field] = {"value": value, "year": year, "source": source}
        if alpha2 in regions:
            region, sub_region, intermediate = regions[alpha2]
            schisto, strongy = endemicity(region, sub_region, intermediate)
            if schisto is not None:
                entry["schistosomiasisEndemic"] = {"value": schisto[0], "basis": schisto[1], "source": "ecdc-2018"}
            if strongy is not None:
                entry["strongyloidiasisEndemic"] = {"value": strongy[0], "basis": strongy[1], "source": "ecdc-2018"}
            entry["m49Region"] = sub_region
            if intermediate:
                entry["m49IntermediateRegion"] = intermediate
        if entry:
            countries[alpha2] = entry

    return {"about": ABOUT, "sources": SOURCES, "fields": FIELDS, "countries": countries}


def render(document):
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=OUT_JSON)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh build")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        with open(args.out, encoding="utf-8") as fh:
            if fh.read() != text:
                print(f"{args.out} is out of date", file=sys.stderr)
                return 1
        return 0
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
