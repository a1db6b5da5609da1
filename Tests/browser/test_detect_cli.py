"""`carebridge detect` end to end: the real binary on the R fixtures, compared with the R surveillance package's
outputs (Tests/CareBridgeCoreTests/Fixtures/surveillance, written by scripts/surveillance/make-fixtures.sh)."""
import csv
import io
import os
import subprocess
import tempfile

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "CareBridgeCoreTests", "Fixtures", "surveillance")
BIN = os.environ.get("CAREBRIDGE_BIN", ".build/debug/carebridge")


def detect(*args):
    return subprocess.run([BIN, "detect", *args], capture_output=True, text=True, timeout=300)


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def assert_matches(ours, theirs, columns, tolerance):
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert (a["series"], a["t"], a["alarm"]) == (b["series"], b["t"], b["alarm"])
        for c in columns:
            if b[c] == "NA":
                assert a[c] == "NA", (a, b, c)
            else:
                assert abs(float(a[c]) - float(b[c])) <= tolerance * max(abs(float(b[c])), 1e-12), (a, b, c)


def test_farrington_with_dates_and_noufaily_settings_matches_r():
    result = detect("--method", "farrington", "--input", os.path.join(FIXTURES, "agona-dated.csv"), "--range", "282:312",
                    "--b", "4", "--no-periods", "10", "--past-weeks-not-included", "26", "--threshold-method", "nbPlugin")
    assert result.returncode == 0, result.stderr
    with open(os.path.join(FIXTURES, "r-farrington-agona-nbplugin.csv")) as f:
        assert_matches(rows(result.stdout), rows(f.read()), ["upperbound", "expected", "phi"], 1e-3)


def test_ears_c3_to_a_file_matches_r_with_its_nas():
    out = os.path.join(tempfile.mkdtemp(), "c3.csv")
    result = detect("--method", "ears-c3", "--input", os.path.join(FIXTURES, "flat.csv"), "--output", out)
    assert result.returncode == 0, result.stderr
    with open(out) as f, open(os.path.join(FIXTURES, "r-ears-c3-flat.csv")) as g:
        ours, theirs = rows(f.read()), rows(g.read())
    assert any(r["upperbound"] == "NA" for r in theirs)
    assert_matches(ours, theirs, ["upperbound"], 1e-6)


def test_bad_input_is_a_clear_message_and_a_failing_exit():
    path = os.path.join(tempfile.mkdtemp(), "gap.csv")
    with open(path, "w") as f:
        f.write("series,t,observed\na,1,3\na,2,4\na,4,2\n")
    result = detect("--method", "ears-c1", "--input", path)
    assert result.returncode != 0 and result.stdout == ""
    assert "jumps from t = 2 to 4" in result.stderr
    result = detect("--method", "ears-c1", "--input", os.path.join(FIXTURES, "agona.csv"), "--b", "3")
    assert result.returncode != 0 and "--b does not apply to --method ears-c1" in result.stderr
    result = detect("--method", "farrington", "--input", os.path.join(FIXTURES, "agona.csv"), "--b", "6")
    assert result.returncode != 0 and "too little history for b = 6" in result.stderr
