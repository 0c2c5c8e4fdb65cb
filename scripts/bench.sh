#!/usr/bin/env bash
# make bench: measures durable notify throughput and latency through gRPC
# beside raw JetStream sync-always publishing (vigil bench), and the event
# store's group commit beside raw publishing (go test -bench), in the same
# run, and writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-5s}
out=docs/benchmarks.md
mkdir -p bin build
go build -o bin/vigil ./services/vigil
notify=$(bin/vigil bench --duration "$dur" --clients 1,16,64)
store=$(go test -run '^$' -bench 'Benchmark(RawPublishSyncAlways|RawAtomicBatch|Append)' -benchtime 2s ./pkg/eventstore/jsstore/ | grep -E '^(Benchmark|goos|goarch|cpu)')
ui=$(cd services/gateway && go test -run '^$' -bench DashboardFirstRender -benchtime 20x . | grep -E '^Benchmark')
gen=$(mktemp)
{
  echo "## Durable notify through gRPC vs raw JetStream (\`bin/vigil bench --duration $dur\`)"
  echo
  echo "Each client is one gRPC connection (mutual TLS) sending NotifyDenial with the notice of"
  echo "examples/denial.json and waiting for the answer; an answer means the event is fsynced. The raw"
  echo "rows publish a payload of the same size with jetstream.Publish to a file stream on an embedded"
  echo "server with sync_interval always, each client waiting for its acknowledgement. The last row"
  echo "raises alerts as JPN at a fixed rate and times each until KOR can read it from its view."
  echo
  echo "$notify"
  echo
  echo "## Event store append (group commit) vs raw publish (\`go test -bench . ./pkg/eventstore/jsstore/\`)"
  echo
  echo '```'
  echo "$store"
  echo '```'
  echo
  echo "## Dashboard first render in headless Chromium (\`make bench-ui\`)"
  echo
  echo "DEU signed in, 310 items shared through the real services (the demo's size); the time from"
  echo "navigation to every chart drawn, beside the load of the small sign-in page in the same browser."
  echo
  echo '```'
  echo "$ui"
  echo '```'
} > "$gen"
# Replace the generated part of docs/benchmarks.md, keep the rest.
awk -v gen="$gen" '
  /<!-- generated:start/ { print; while ((getline line < gen) > 0) print line; skip=1; next }
  /<!-- generated:end/ { skip=0 }
  !skip { print }' "$out" > "$out.new" && mv "$out.new" "$out"
rm -f "$gen"
echo "wrote $out"
