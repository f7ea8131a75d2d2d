# The two commands a user needs are `make demo` and `make test` (see README.md).
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SITREP := $(BUILD)/sitrep

.PHONY: all setup build gazetteer test demo bench clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >$(BUILD).configure.log 2>&1 || { cat $(BUILD).configure.log; exit 1; }
	@cmake --build $(BUILD) -j$(JOBS) 2>&1 | grep -v -E '^\[ *[0-9]+%\]|^Consolidate|^-- ' || true
	@test -x $(SITREP) || { echo "build failed"; exit 1; }
	@$(MAKE) --no-print-directory gazetteer

# The compiled gazetteer is rebuilt only when its inputs change.
gazetteer:
	@scripts/build-gazetteer.sh $(SITREP) $(BUILD)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600
	@scripts/e2e.sh $(SITREP)
	@scripts/web-test.sh $(SITREP)

demo: build
	@scripts/demo.sh $(SITREP)

bench: build
	@scripts/bench.sh $(SITREP) $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD).configure.log
