# gongwen — the front door. `make help` lists the targets.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/gongwen
ADDR  ?= 127.0.0.1:8080
export GOFLAGS ?= -buildvcs=false

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

build: web ## build bin/gongwen (with the drafting page and its PDF viewer embedded)
	$(GO) build -o $(BIN) ./cmd/gongwen

web: ## fetch pdf.js (npm pdfjs-dist, sha256-checked) into internal/web/assets/vendor for the page's preview
	@command -v npm >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	bash scripts/web-vendor.sh

browser-deps: ## install Debian's chromium for the browser tests, through apt-get
	@[ -x /usr/bin/chromium ] || { echo "installing chromium with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

fonts: ## fetch the open fonts by package name (npm, apt) into the cache, verified by sha256
	$(GO) run ./cmd/gongwen fonts fetch

deps: ## install what the tests read PDFs with (poppler-utils), through apt-get
	@command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || { \
	  echo "installing poppler-utils (pdftotext, pdffonts) with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

run: fonts build ## fetch fonts if missing and start the service on $(ADDR) (the seed example is in testdata/)
	@echo "open http://$(ADDR)/ to draft a reply, or"
	@echo "try: curl -s --data-binary @testdata/fenban-1234.json -H 'Content-Type: application/json' http://$(ADDR)/v1/render -o seed.pdf"
	./$(BIN) serve --addr $(ADDR)

test: fonts deps web browser-deps ## run every test (fetches fonts, poppler, pdf.js and chromium first)
	GONGWEN_REQUIRE_FONTS=1 GONGWEN_BROWSER_TESTS=1 $(GO) test -count=1 -timeout 20m ./...

web-shots: fonts web browser-deps ## regenerate docs/web-*.png from the browser tests
	$(GO) test ./internal/web/ -run TestBrowser -count=1 -screenshots

bench: fonts ## benchmarks: time, allocations and PDF size per seed reply
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3s ./internal/render/ ./internal/layout/ ./internal/sfnt/

loadtest: fonts ## drive the service on loopback at 1, 8 and 32 clients: throughput, p50/p99, RSS
	$(GO) run ./cmd/loadtest

office-check: build ## convert the example annex with LibreOffice (installs libreoffice-calc): proves the workbook opens
	@command -v soffice >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null; }
	GONGWEN_REQUIRE_SOFFICE=1 $(GO) test -count=1 -run TestLibreOfficeConverts -v ./internal/xlsx/

fuzz: ## fuzz the plain-text parser and the line breaker for a minute each
	$(GO) test -run '^$$' -fuzz FuzzParseText -fuzztime 60s ./internal/document/
	$(GO) test -run '^$$' -fuzz FuzzBreak -fuzztime 60s ./internal/layout/

lint: ## gofmt, go vet and the architecture check
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

golden: fonts ## regenerate golden layout files after a deliberate change (review the diff!)
	$(GO) test ./internal/render/ -run TestGoldenLayout -update

clean: ## remove build output
	rm -rf bin

.PHONY: help build web browser-deps fonts deps run test web-shots bench loadtest office-check fuzz lint golden clean docs

docs: build ## render page 1 of every example and variant to docs/*.png (pdftoppm), for reading without running anything
	@mkdir -p docs; tmp=$$(mktemp -d); \
	for f in testdata/fenban-1234.json testdata/variants/*.json; do \
	  n=$$(basename $$f .json); ./$(BIN) render $$f --fixed-date 2022-07-05 -o $$tmp/$$n.pdf 2>/dev/null && \
	  pdftoppm -r 60 -png -f 1 -l 1 -singlefile $$tmp/$$n.pdf docs/$$n; done; \
	./$(BIN) annex testdata/annex-ceramics.json --fixed-date 2022-07-05 -o $$tmp/annex.pdf && \
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile $$tmp/annex.pdf docs/annex-ceramics; \
	pdftoppm -r 60 -png -f 6 -l 6 -singlefile $$tmp/table-attachment.pdf docs/table-attachment-p6; \
	pdftoppm -r 60 -png -f 6 -l 6 -singlefile $$tmp/landscape-table.pdf docs/landscape-table-p6; \
	rm -rf $$tmp; ls docs
