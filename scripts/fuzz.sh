#!/usr/bin/env bash
# Runs every Fuzz target of every module for the given time each.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-15s}
for dir in $(go list -f '{{.Dir}}/...' -m); do
  for pkg in $(go list "$dir"); do
    for f in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
      echo "== $pkg $f"
      go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg"
    done
  done
done
