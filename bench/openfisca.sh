#!/usr/bin/env bash
# The entitlement-simulation comparison of issue 5, measured in one run on one machine: OpenFisca (openfisca-core in a
# virtual environment this script makes) computes the rules of rules.md over N synthetic people; CareBridge runs the
# same rules (bench/openfisca-rules.yaml) over the very population OpenFisca drew, and prints its free counts to check
# they agree. Usage: bench/openfisca.sh [N] [SEED]
#   PEER: folder of openfisca_entitlements.py (default ../shared/bench); CAREBRIDGE_BIN: a release build of carebridge
#   (default .build-release/release/carebridge; build it with
#   swift build -c release --scratch-path .build-release --product carebridge).
set -euo pipefail
N="${1:-1000000}"
SEED="${2:-7}"
PEER="${PEER:-../shared/bench}"
BIN="${CAREBRIDGE_BIN:-.build-release/release/carebridge}"
VENV="${VENV:-${TMPDIR:-/tmp}/carebridge-openfisca-venv}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet openfisca-core numpy
fi
echo "== OpenFisca ($("$VENV/bin/python" -c 'import openfisca_core, importlib.metadata as m; print("openfisca-core", m.version("openfisca-core"))'))"
"$VENV/bin/python" "$PEER/openfisca_entitlements.py" "$N" "$SEED" --write "$WORK/people.csv"
echo "== CareBridge"
"$BIN" bench --only entitlements --people "$N" --openfisca-population "$WORK/people.csv"
