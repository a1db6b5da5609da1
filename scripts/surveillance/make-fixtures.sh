#!/bin/sh
# Writes the R `surveillance` outputs that Tests/CareBridgeCoreTests/SurveillanceRTests.swift compares against.
# Needs R with the package (Debian: apt-get install r-cran-surveillance; 1.20.3 wrote the committed files).
# Inputs: the package's salmonella.agona counts (as ../shared/reference/surveillance gives them), the same with
# weekly dates from Monday 1990-01-01 (so reference weeks are found by date), a short flat series (EARS NA case),
# and 12 synthetic series of 520 weeks from ../shared/bench/gen_series.py (seed 42).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../Tests/CareBridgeCoreTests/Fixtures/surveillance}
r() { Rscript "$here/r-detect.R" "$@"; }
cd "$out"
r --method ears-c1 --input agona.csv > r-ears-c1-agona.csv
r --method ears-c2 --input agona.csv > r-ears-c2-agona.csv
r --method ears-c3 --input agona.csv > r-ears-c3-agona.csv
r --method ears-c1 --input agona.csv --alpha 0.01 --baseline 10 --min-sigma 0.5 > r-ears-c1-agona-options.csv
r --method ears-c2 --input agona.csv --baseline 5 --min-sigma 1 > r-ears-c2-agona-options.csv
r --method ears-c3 --input flat.csv > r-ears-c3-flat.csv
r --method ears-c1 --input flat.csv > r-ears-c1-flat.csv
for m in c1 c2 c3; do r --method ears-$m --input synthetic.csv > r-ears-$m-synthetic.csv; done
r --method farrington --input agona.csv --range 270:312 > r-farrington-agona-defaults.csv
r --method farrington --input agona-dated.csv --range 270:312 > r-farrington-agona-dated.csv
r --method farrington --input agona-dated.csv --range 282:312 --b 4 --no-periods 10 --past-weeks-not-included 26 --threshold-method nbPlugin > r-farrington-agona-nbplugin.csv
r --method farrington --input agona.csv --range 282:312 --b 4 --no-periods 10 --past-weeks-not-included 26 --threshold-method muan --alpha 0.01 > r-farrington-agona-muan.csv
r --method farrington --input agona.csv --range 270:312 --no-reweight --no-trend --powertrans 1/2 --limit54 3,2 > r-farrington-agona-plain.csv
r --method farrington --input agona.csv --range 282:312 --b 4 --w 2 --past-weeks-not-included 1 --powertrans none --p-threshold-trend 1 > r-farrington-agona-none.csv
r --method farrington --input synthetic.csv --range 420:520 > r-farrington-synthetic.csv
r --method farrington --input synthetic.csv --range 490:520 --no-periods 10 --past-weeks-not-included 26 --threshold-method nbPlugin --weights-threshold 2.58 > r-farrington-synthetic-noufaily.csv
