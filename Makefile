# The two commands a user needs are `make demo` and `make test` (see README.md).
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SITREP := $(BUILD)/sitrep
# Hostile-input checks (fuzz/README.md): each in its own build folder.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 180
FUZZ_JOBS ?= 2
FUZZ_PARALLEL ?= 1
ASAN_BUILD ?= build-asan

.PHONY: all setup build gazetteer test demo bench fuzz asan clean

all: build

setup:
	@scripts/setup.sh

# One line per step; the compiler's output is in $(BUILD)/build.log (shown when it fails).
build: setup
	@scripts/build.sh $(BUILD) $(JOBS)
	@scripts/build-gazetteer.sh $(SITREP) $(BUILD)

# The compiled gazetteer is rebuilt only when its inputs change.
gazetteer:
	@scripts/build-gazetteer.sh $(SITREP) $(BUILD)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600
	@scripts/e2e.sh $(SITREP)
	@scripts/web-test.sh $(SITREP)

demo: build
	@scripts/demo.sh $(SITREP)

# Every libFuzzer target of fuzz/ for FUZZ_SECONDS each (make fuzz FUZZ_SECONDS=20).
fuzz: build
	@FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_PARALLEL=$(FUZZ_PARALLEL) scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: build
	@scripts/asan.sh $(ASAN_BUILD) $(JOBS)

bench: build
	@scripts/bench.sh $(SITREP) $(BUILD)

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD) $(ASAN_BUILD)
