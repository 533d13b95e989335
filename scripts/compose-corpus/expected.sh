#!/usr/bin/env bash
# Writes the reference outcome of every corpus file, computed by Debian's
# docker-compose 1.29 (`docker-compose config`), never by Wharf:
#   tests/compose-corpus/<group>/<name>.expected.json
#   { "reference": "docker-compose 1.29.2", "ok": true, "config": {...}, "missingVariables": [...] }
#   { "reference": ..., "ok": false, "error": "<stderr>" }
# docker-compose runs with an empty environment (env -i) in a scratch copy of the
# file, so no variable of this machine leaks in; unset variables become "" with a
# warning, which we record as missingVariables. Files whose expected outcome was
# written by hand from compose-go's assertions (reference != docker-compose) are
# left alone. Usage: bash scripts/compose-corpus/expected.sh [file.yml ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$root/tests/compose-corpus"
dc=/usr/bin/docker-compose
version="$($dc version --short)"
scratch=/tmp/compose-corpus-ref   # fixed path: docker-compose makes relative paths absolute under it
files=("$@")
if [ ${#files[@]} -eq 0 ]; then mapfile -t files < <(cd "$corpus" && find . -name '*.yml' ! -name '*.expected.*' | sort); fi
for rel in "${files[@]}"; do
  rel="${rel#./}"; rel="${rel#tests/compose-corpus/}"
  out="$corpus/${rel%.yml}.expected.json"
  if [ -f "$out" ] && grep -q '"reference": "compose-go' "$out"; then continue; fi
  rm -rf "$scratch" && mkdir -p "$scratch/project"
  # 1.29 predates the top-level `name:`: the reference reads the file without that line (recorded).
  stripped=$(grep -c '^name:' "$corpus/$rel" || true)
  grep -v '^name:' "$corpus/$rel" >"$scratch/project/compose.yml" || true
  # docker-compose checks that a relative build context exists: make those folders (empty) in the scratch copy.
  python3 - "$scratch/project" <<'PY2' || true
import os, sys, yaml
d = sys.argv[1]
doc = yaml.safe_load(open(os.path.join(d, "compose.yml"))) or {}
for svc in (doc.get("services") or {}).values() if isinstance(doc, dict) else []:
    b = (svc or {}).get("build") if isinstance(svc, dict) else None
    ctx = b if isinstance(b, str) else (b or {}).get("context") if isinstance(b, dict) else None
    if isinstance(ctx, str) and "://" not in ctx and not ctx.startswith("git@"):
        os.makedirs(os.path.normpath(os.path.join(d, ctx)), exist_ok=True)
PY2
  set +e
  (cd "$scratch/project" && env -i PATH=/usr/bin:/bin HOME="$scratch" "$dc" -f compose.yml -p project config \
    >"$scratch/out.yml" 2>"$scratch/err.txt")
  rc=$?
  set -e
  python3 - "$rc" "$scratch/out.yml" "$scratch/err.txt" "$version" "$stripped" >"$out" <<'PY'
import json, re, sys, yaml
rc, out, err, version, stripped = int(sys.argv[1]), sys.argv[2], open(sys.argv[3]).read(), sys.argv[4], sys.argv[5] != "0"
ref = f"docker-compose {version}"
if rc != 0:
    print(json.dumps({"reference": ref, "ok": False, "error": err.strip()}, indent=2, sort_keys=True))
else:
    missing = sorted(set(re.findall(r"The (\w+) variable is not set", err)))
    config = yaml.safe_load(open(out))
    doc = {"reference": ref, "ok": True, "config": config, "missingVariables": missing}
    if stripped:
        doc["readWithout"] = ["name"]
    print(json.dumps(doc, indent=2, sort_keys=True))
PY
  echo "$rel: $(head -c 0 "$out")$([ $rc -eq 0 ] && echo ok || echo refused)"
done
rm -rf "$scratch"
