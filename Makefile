# Vigil developer commands. `make help` lists them.
SHELL := /bin/bash
export GOFLAGS ?= -buildvcs=false

# Every module of the workspace, as ./dir/... patterns (go.work has no root module).
MODULES  = $(shell go list -f '{{.Dir}}/...' -m)
DATA_DIR ?= data
LISTEN   ?= 127.0.0.1:8443
HTTP     ?= 127.0.0.1:8444
NATS_LISTEN ?= 127.0.0.1:4222
TOOLS    = GOWORK=off go tool -modfile=$(CURDIR)/tools/go.mod
BENCH_TIME ?= 3s

.PHONY: help run build test test-short lint fmt vet proto proto-check work-check tidy bench bench-ui fuzz clean

help: ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

run: build ## run the platform: embedded NATS, ./data, demo roster and credentials, demo data, web UI on :8444
	bin/vigil serve --data-dir $(DATA_DIR) --listen $(LISTEN) --http $(HTTP) --nats-listen $(NATS_LISTEN) --demo

build: ## build bin/vigil and bin/vigilctl
	@mkdir -p bin
	go build -o bin/vigil ./services/vigil
	go build -o bin/vigilctl ./services/vigilctl

test: ## run every test of every module, with the race detector
	go test -race -count=1 -timeout 20m $(MODULES)

test-short: ## quick tests without the race detector
	go test -count=1 -short $(MODULES)

lint: fmt vet work-check proto-check ## gofmt, go vet, go.work and generated-code checks

fmt: ## fail if any file is not gofmt-clean
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet: ## go vet every module
	go vet $(MODULES)

work-check: ## every go.mod is in go.work and builds alone (GOWORK=off)
	scripts/work-check.sh

tidy: ## go mod tidy every workspace module (after changing a dependency of pkg)
	for m in $$(go list -f '{{.Dir}}' -m); do (cd $$m && GOWORK=off go mod tidy) || exit 1; done

proto: ## regenerate Go code from proto/ with pinned buf and plugins
	cd proto && $(TOOLS) buf lint && $(TOOLS) buf generate

proto-check: proto ## fail if the committed generated code is stale
	@git diff --exit-code --stat -- proto || (echo "generated code is stale: run make proto and commit"; exit 1)

bench: ## benchmarks (event store vs raw JetStream, notify through gRPC); writes docs/benchmarks.md
	scripts/bench.sh $(BENCH_TIME)

bench-ui: ## dashboard first render in headless Chromium over demo-sized data, beside a plain page load
	scripts/browser-deps.sh
	cd services/gateway && go test -run '^$$' -bench DashboardFirstRender -benchtime $${UI_LOADS:-20}x .

fuzz: ## run every fuzz target for FUZZ_TIME (default 15s) each
	scripts/fuzz.sh $${FUZZ_TIME:-15s}

clean: ## remove build outputs (not the data directory)
	rm -rf bin build
