# vethub — the two commands are `make run` and `make test`.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/vethub
DEMO_PERSONS ?= 3000

.PHONY: run test build generate verify vet bench clean

## run: set up PostgreSQL, migrate, load demo data if empty, print an admin token, serve
run: build
	@bash scripts/run.sh

## test: vet plus every test against a real PostgreSQL
test:
	@set -euo pipefail; \
	server=$$(bash scripts/postgres.sh); \
	export VETHUB_TEST_DATABASE_URL="$$server/postgres?sslmode=disable"; \
	echo "tests use $$server"; \
	$(GO) vet ./...; \
	$(GO) test -count=1 -timeout 20m ./...

build:
	@mkdir -p bin
	$(GO) build -o $(BIN) ./cmd/vethub

## generate: regenerate gqlgen code from graph/schema
generate:
	$(GO) tool gqlgen generate

## verify: fail if generated code is out of date
verify: generate
	@git diff --exit-code -- graph resolvers || { echo "generated code is out of date: run make generate"; exit 1; }

## bench: benchmarks of the pure packages and the database paths
bench:
	@server=$$(bash scripts/postgres.sh); \
	VETHUB_TEST_DATABASE_URL="$$server/postgres?sslmode=disable" $(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin .demo
