# Entry points: `make demo` builds regoc and evaluates the example policy; `make test` builds
# everything and runs every test. Both install missing Debian packages first.

BUILD ?= build
JOBS ?= $(shell nproc)
CONFORMANCE ?= $(abspath ../shared/opa-conformance/v1)
WORKLOADS ?= $(abspath ../shared/workloads)

.PHONY: all deps configure build demo test clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_CXX_COMPILER=g++ \
	  -DREGOC_CONFORMANCE_DIR=$(CONFORMANCE) -DREGOC_WORKLOADS_DIR=$(WORKLOADS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	bash scripts/demo.sh $(BUILD)/regoc

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
