# ttdn — two commands do all set-up on a fresh Debian machine with Swift 6.3:
#   make run    build (release) and open the browser on the built-in corpus (seeds/)
#   make test   every test: unit, snapshot, generated-corpus and terminal (tmux) tests
# Other targets: make build, make bench, make fuzz, make clean.

SWIFT     ?= swift
BIN       := .build/release/ttdn
SHARED    ?= ../shared
BENCH_DIR ?= /tmp/ttdn-bench

.PHONY: run test build deps unit-test terminal-test eval eval-check bench fuzz clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c release --product ttdn

run: build
	$(BIN) $(ARGS)

unit-test: deps
	TTDN_SHARED=$(abspath $(SHARED)) $(SWIFT) test

terminal-test: build
	python3 Tests/terminal/run_terminal_tests.py $(BIN)

# The model on the labelled real pages (../shared/realset): per field, wrong-stated apart, each miss.
eval: build
	SHARED=$(abspath $(SHARED)) bash scripts/eval.sh $(BIN)

# Part of make test: fails when a field falls below the floors reached so far.
eval-check: build
	SHARED=$(abspath $(SHARED)) bash scripts/eval.sh $(BIN) --floors >/dev/null

test: deps build unit-test eval-check terminal-test

bench: deps build
	SHARED=$(abspath $(SHARED)) BENCH_DIR=$(BENCH_DIR) bash scripts/bench.sh $(BIN)

fuzz: deps
	TTDN_FUZZ_SECONDS=$${TTDN_FUZZ_SECONDS:-60} TTDN_FUZZ_ITERATIONS=$${TTDN_FUZZ_ITERATIONS:-100000000} \
	  $(SWIFT) test -c release --filter FuzzTests

clean:
	rm -rf .build
