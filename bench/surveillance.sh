#!/usr/bin/env bash
# The outbreak-detection comparison of issue 8, measured in one run on one machine: R surveillance (Debian's
# r-cran-surveillance, installed here if missing) and CareBridge on the same 1,000 x 520-week series from
# gen_series.py. R runs earsC C1-C3 over every week and farringtonFlexible on the latest week (r_bench.R), and the
# full retrospective Farrington on K series (bench/r-retrospective.R, scaled to all by `carebridge bench`).
# Usage: bench/surveillance.sh [N] [WEEKS] [K]
#   PEER: folder of gen_series.py and r_bench.R (default ../shared/bench); CAREBRIDGE_BIN: a release build
#   (default .build-release/release/carebridge; swift build -c release --scratch-path .build-release --product carebridge).
set -euo pipefail
N="${1:-1000}"
WEEKS="${2:-520}"
K="${3:-25}"
PEER="${PEER:-../shared/bench}"
BIN="${CAREBRIDGE_BIN:-.build-release/release/carebridge}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if ! Rscript -e 'library(surveillance)' >/dev/null 2>&1; then
  apt-get install -y -qq r-cran-surveillance >/dev/null || { apt-get update -qq && apt-get install -y -qq r-cran-surveillance >/dev/null; }
fi
python3 "$PEER/gen_series.py" "$N" "$WEEKS" 42 "$WORK/series.csv"
echo "== R surveillance $(Rscript -e 'cat(as.character(packageVersion("surveillance")))' 2>/dev/null)"
Rscript "$PEER/r_bench.R" "$WORK/series.csv" | tee "$WORK/r.txt"
Rscript bench/r-retrospective.R "$WORK/series.csv" "$K" | tee -a "$WORK/r.txt"
echo "== CareBridge"
"$BIN" bench --only surveillance --series "$WORK/series.csv" --r-timings "$WORK/r.txt"
