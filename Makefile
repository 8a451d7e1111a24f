# Stepwise build entry points. Every target finds a JDK >= 21 by itself (see scripts/find-jdk.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell ./scripts/find-jdk.sh)
export JAVA_HOME
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
MVN := ./mvnw --batch-mode --no-transfer-progress -Dstepwise.commit=$(COMMIT)
# Lean and the REPL share this version, and Mathlib too unless MATHLIB names a fork at a commit
# (the shipped miniF2F targets v4.24.0; 'stepwise datasets list' shows every dataset's target).
LEAN_VERSION ?= v4.24.0
MATHLIB ?=

.PHONY: help setup build test test-fast bench clean check-jdk serve-model lean demo demo-sim

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

check-jdk:
	@if [ -z "$(JAVA_HOME)" ]; then \
	  echo "No JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, PATH)." >&2; \
	  echo "Install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2; exit 3; fi

# The jar is a file target: Maven runs only when a source, resource or POM is newer than it, so
# `make demo` twice in a row builds nothing the second time.
JAR := prover/target/stepwise.jar
JAR_INPUTS := pom.xml $(wildcard */pom.xml) $(shell find lean-bridge/src search/src expert-iteration/src prover/src -path '*/src/test' -prune -o -type f -print 2>/dev/null)

$(JAR): $(JAR_INPUTS) | check-jdk
	$(MVN) -DskipTests package
	@touch $@
	@chmod +x bin/stepwise
	@echo "Built $$(pwd)/$(JAR); run bin/stepwise --help"

# The Lean set-up runs the script directly (not a sub-make), so a machine where it cannot
# succeed gets the script's one reason and this advice, without make's "*** Error" line.
setup: $(JAR) ## Build everything and the launcher bin/stepwise
	@./scripts/setup-lean.sh "$(LEAN_VERSION)" || echo "make setup: the Java build is complete; the Lean set-up is not (reason above). Run 'make lean' when it can succeed, and 'bin/stepwise lean doctor' to see what is missing."

build: setup

# The PostgreSQL tests need a server (127.0.0.1:5432, or PG_TEST_URL); without one they skip and
# scripts/pg-test-note.sh says so in one line; CI sets CI_REQUIRE_PG so they fail there instead.
test: check-jdk ## Run every test (needs only a JDK >= 21 and Maven Central; PostgreSQL for the PostgreSQL tests)
	@$(MVN) verify; status=$$?; ./scripts/pg-test-note.sh; exit $$status

# JUnit's @Tag("slow") marks end-to-end runs, child JVMs, real bwrap/Chromium/Lean and the soak;
# surefire's excludedGroups property (unset in `make test` and .ci/run) leaves them out here.
test-fast: check-jdk ## Run every test but those tagged slow (end-to-end runs, child JVMs, the soak)
	@$(MVN) verify -DexcludedGroups=slow; status=$$?; ./scripts/pg-test-note.sh; exit $$status

bench: setup ## Run every benchmark (stepwise bench all); see README 'Benchmarks'
	bin/stepwise bench all

# demo asks Lean's set-up to run only when 'lean doctor' finds it unusable; demo-sim needs no Lean.
demo: $(JAR) ## The main job: prove datasets/examples/ with the CPU portfolio policy (needs Lean, see 'make lean')
	@if ! bin/stepwise lean doctor >/dev/null 2>&1; then \
	  ./scripts/setup-lean.sh "$(LEAN_VERSION)" >&2 || true; fi
	@if ! bin/stepwise lean doctor >/dev/null 2>&1; then \
	  bin/stepwise lean doctor || true; \
	  echo "make demo: Lean is not usable on this machine (see above), so nothing can be proved for real." >&2; \
	  echo "make demo: try Stepwise without Lean or a GPU with 'make demo-sim' (README: 'Try it without Lean or a GPU')." >&2; \
	  exit 3; fi
	@bin/stepwise prove datasets/examples; code=$$?; [ $$code -le 1 ] || exit $$code

demo-sim: $(JAR) ## The same demo against the simulator (no Lean, no GPU); everything it prints is labelled SIMULATED
	@mkdir -p .stepwise
	@bin/stepwise sim generate --from datasets/examples --out .stepwise/examples-world.json --seed 1
	@bin/stepwise prove datasets/examples --simulate .stepwise/examples-world.json --budget 1x8x50 --set lean.tactic-timeout=3s; code=$$?; [ $$code -le 1 ] || exit $$code

lean: ## Set up one Lean project in lean-projects/VERSION/: make lean [LEAN_VERSION=v4.24.0] [MATHLIB=owner/repo@rev]
	@./scripts/setup-lean.sh "$(LEAN_VERSION)" "$(MATHLIB)"

clean: check-jdk ## Remove build outputs
	$(MVN) clean

serve-model: ## Start vLLM for a prover on this GPU host: make serve-model MODEL=ByteDance-Seed/BFS-Prover-V2-7B GPUS=1 [TEMPLATE=…]
	@./scripts/serve-model.sh "$(MODEL)" "$(or $(GPUS),1)"
