#!/usr/bin/env bash
# Keeps go.work and the modules in step: every go.mod in the tree is listed
# in go.work, every listed module exists, and each module builds alone with
# its replace lines (GOWORK=off).
set -euo pipefail
cd "$(dirname "$0")/.."
mods=$(find . -name go.mod -not -path './tools/*' -not -path './build/*' | xargs -n1 dirname | sed 's|^\./||' | sort)
listed=$(go work edit -json | sed -n 's/.*"DiskPath": "\.\/\(.*\)".*/\1/p' | sort)
if [ "$mods" != "$listed" ]; then
  echo "go.work and the modules differ:"; diff <(echo "$mods") <(echo "$listed") || true; exit 1
fi
for m in $mods; do
  (cd "$m" && GOWORK=off go build -o /dev/null ./... ) || { echo "module $m does not build alone (GOWORK=off)"; exit 1; }
done
echo "go.work lists every module; each builds alone"
