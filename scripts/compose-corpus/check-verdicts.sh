#!/usr/bin/env bash
# Checks each compose-go citation of tests/compose-corpus/verdicts.json against compose-go itself: the cited
# line, at the cited commit, must contain the quoted words. Needs the fetched snapshot
# (`fetch github:compose-spec/compose-go` → /work/.mirror/compose-spec+compose-go/repo, or COMPOSE_GO_GIT=<git dir>).
# Usage: bash scripts/compose-corpus/check-verdicts.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
git_dir="${COMPOSE_GO_GIT:-/work/.mirror/compose-spec+compose-go/repo}"
node -e '
const v = require(process.argv[1]);
for (const [file, x] of Object.entries(v.invalid))
  if (x.reference === "compose-go") console.log([file, x.commit, x.at, x.says].join("\t"));
' "$root/tests/compose-corpus/verdicts.json" | {
  fail=0
  while IFS=$'\t' read -r file commit at says; do
    path="${at%%:*}"; line="${at##*:}"
    text="$(git --git-dir="$git_dir" show "$commit:$path" | sed -n "${line}p")"
    # The Go source formats names with %q / %s: compare the words around them.
    if python3 -c 'import sys; t,s=sys.argv[1],sys.argv[2]; import re; sys.exit(0 if all(w in t for w in re.split(r"service\d? |\S*service\d\S*", s) if w.strip()) else 1)' "$text" "$says"; then
      echo "ok   $file  $at"
    else
      echo "FAIL $file  $at: \"$says\" not in: $text"; fail=1
    fi
  done
  exit $fail
}
