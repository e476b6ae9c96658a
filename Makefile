# rnn-course: the commands a student, a teacher and CI use.  `make help` lists them.
#
# Variables (override on the command line, e.g. `make notebooks NOTEBOOK=04 TIMEOUT=600`):
#   NOTEBOOK         notebook number(s) or name(s) to run; empty = all
#   JOBS             notebooks executed in parallel (default 2)
#   TIMEOUT          seconds a single cell may run before its kernel is killed (default 300)
#   PORT             port for `make lab` (default 8888) and `make hub` (default 8000; it also uses PORT+1, PORT+2)
#   STUDENTS         students `make test-hub` logs in at once (default 8, what CI runs: 74-218 s on
#                    2 cores; fewer on a slower machine, more for a bigger class test)
#   KERNEL_NAME      kernelspec name to install and run under (default java)
#   ND4J_CLASSIFIER  CPU build of ND4J's native library (default: chosen by scripts/nd4j-classifier.sh)
#   SKIP_STALE_CHECK=1  do not compare committed notebook outputs with the fresh run
#   BLAS             matrix products of the installed kernel: repro (default: float32 products in one
#                    fixed order at full vector width, the same numbers on every CPU, vector width,
#                    core count and JDK), auto (OpenBLAS's fastest kernels for this CPU; numbers may
#                    differ from the book's) or avx2 (the earlier reproducible mode: OpenBLAS's AVX2
#                    kernels for every product, the same numbers on every x86-64 CPU with AVX2).
#                    Given on the command line (`make notebooks BLAS=auto`), notebooks/refresh first
#                    reinstall KERNEL_NAME with it; `make kernel` without BLAS restores repro.
#   SUBMISSIONS, OUT `make grade SUBMISSIONS=DIR OUT=DIR`: the students' notebooks, where the gradebook
#                    goes (default build/grade/out); GRADE_LIMIT = seconds one exercise may run (default 30)
#   PROGRESS         `make progress`: a progress file or home folder(s) (default ~/.rnncourse/progress.json)
#   SEEDS            seeds for `make margins` (default: each notebook's own, 1 and 2)
#   ROUNDS, AGAINST  `make bench ROUNDS=3 AGAINST=main~1`: alternate 3 rounds, each also timing the
#                    library of git revision AGAINST (the before of a change)
#   QUICK, BENCH_NOTEBOOKS  `make bench QUICK=1`: shorter timings; `make bench BENCH_NOTEBOOKS=1`: also the
#                    first cell's time and notebooks 13 and 08 on one CPU (minutes)
#   JAVA_HOME        the JDK to build and run with (17, 21 or 25); default: the `java` on PATH
#   SECOND_JDK       a second JDK that `make test-all` tests the kernel and the notebooks on (default: the
#                    newest JDK 21+ under /usr/lib/jvm besides the default; scripts/test-second-jdk.sh)
#   PORTABLE_BLAS, PORTABLE_JVM_OPTS  the BLAS mode and JVM options of the portable configuration, in
#                    which `make test` runs every notebook, one core each (see below)

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PY          := /usr/bin/python3
MVN         := mvn -B -ntp -Dstyle.color=never
NOTEBOOK    ?=
JOBS        ?= 2
TIMEOUT     ?= 300
PORT        ?= 8888
KERNEL_NAME ?= java
BLAS        ?= repro
# The portable configuration: what a laptop without AVX-512 or a one-CPU Binder computes, so the
# one that proves the most. `make test` runs every notebook in it on the default JDK, each notebook's
# kernel pinned to a core of its own (taskset) and installed with these; `make test-portable`
# runs them again on the second JDK.
PORTABLE_BLAS     ?= repro
# repro at 8 lanes, an AVX2 CPU's width, against outputs computed at 16 (AVX-512)
PORTABLE_JVM_OPTS ?= -XX:ActiveProcessorCount=1 -Drnncourse.gemm.vectorBits=256
SEEDS       ?= own,1,2
OUT         ?= $(BUILD_DIR)/grade/out
GRADE_LIMIT ?= 30
BUILD_DIR   := build
STUDENTS    ?= 8
HUB_PORT     = $(if $(filter command line environment,$(origin PORT)),$(PORT),8000)

# The classifier is only computed by the recipes that need it (it may download a jar once).
CLASSIFIER   = $${ND4J_CLASSIFIER:-$$(scripts/nd4j-classifier.sh)}
export ND4J_CLASSIFIER
# `make notebooks BLAS=...`: reinstall the kernel with that choice before running.
BLAS_INSTALL = $(if $(filter command line,$(origin BLAS)),scripts/install-kernel.sh --user --name $(KERNEL_NAME) --no-build --blas $(BLAS) && ,)
RUN_NOTEBOOKS = $(PY) scripts/run_notebooks.py --kernel $(KERNEL_NAME) -j $(JOBS) --timeout $(TIMEOUT) \
                $(if $(strip $(NOTEBOOK)),$(NOTEBOOK))
PORTABLE_KERNEL  = $(KERNEL_NAME)-portable
INSTALL_PORTABLE = scripts/install-kernel.sh --user --no-build --blas $(PORTABLE_BLAS) \
                   $(foreach opt,$(PORTABLE_JVM_OPTS),--jvm-opt $(opt))
RUN_PORTABLE  = $(PY) scripts/run_notebooks.py -j $(JOBS) --timeout $(TIMEOUT) --one-core-each \
                $(if $(strip $(NOTEBOOK)),$(NOTEBOOK))
RUN_EXERCISES = $(PY) scripts/run_exercises.py --kernel $(KERNEL_NAME) -j $(JOBS) --timeout $(TIMEOUT) \
                $(if $(strip $(NOTEBOOK)),$(NOTEBOOK))

.PHONY: help deps build kernel lab test test-all test-more test-notebooks test-kernel verify notebooks solutions progress test-browser refresh html bench bench-gemm-ab clean \
        hub test-hub test-hub-browser test-binder grade test-grade test-harness check-notebooks clean-notebooks classifier port-free test-portable margins test-jdk

help: ## list the targets
	@echo "rnn-course — make targets:"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/\1\t\2/' | awk -F'\t' '{printf "  %-16s %s\n", $$1, $$2}'
	@echo "Variables: NOTEBOOK=04  JOBS=2  TIMEOUT=300  PORT=8888  KERNEL_NAME=java  ND4J_CLASSIFIER=...  SKIP_STALE_CHECK=1  BLAS=repro|auto|avx2  SEEDS=own,1,2"

deps: ## check a JDK 17+ (17, 21, 25), Maven, Jupyter (Debian packages), Hangul font; apt-get install what is missing
	@scripts/ensure-deps.sh

classifier: ## print the ND4J native build chosen for this CPU (and check that it loads)
	@scripts/nd4j-classifier.sh

build: ## build lib/ and kernel/ jars (mvn package, tests skipped)
	@scripts/jdk.sh | sed "s/^/build: /"
	@c=$(CLASSIFIER); echo "build: mvn package -DskipTests -Dnd4j.classifier=$$c"; \
	$(MVN) -q package -DskipTests -Dnd4j.classifier=$$c; \
	$(call prune_native_jars,$$c)

kernel: build ## build, then install the Java Jupyter kernel (kernelspec 'java', --user)
	@scripts/install-kernel.sh --user --name $(KERNEL_NAME) --no-build --blas $(BLAS)

lab: port-free deps kernel ## open the course in Jupyter (notebooks/ as root) on PORT
	@$(MAKE) --no-print-directory port-free
	@app=notebook; if $(PY) -c 'import jupyterlab' 2>/dev/null; then app=lab; fi; \
	echo "lab: starting Jupyter $$app on http://localhost:$(PORT)/ with notebooks/ as root (Ctrl-C to stop)"; \
	root_flag=; if (( EUID == 0 )); then root_flag=--allow-root; fi; \
	exec $(PY) -m jupyter $$app --notebook-dir=notebooks --port=$(PORT) --port-retries=0 $$root_flag $(LAB_ARGS)

hub: deps build ## JupyterHub for a class, trial mode (dummy login: NOT for production) on PORT (default 8000); deploy/jupyterhub/
	@scripts/hub.sh --run --port $(HUB_PORT) --kernel $(KERNEL_NAME)

test-hub: deps build ## load test: STUDENTS (default 8) log in at once, each runs notebook 04 + exercise 04-1 through the hub's APIs; peak memory, cell latency p50/p95
	@scripts/test-hub.sh --students $(STUDENTS) --kernel $(KERNEL_NAME)

test-hub-browser: deps build ## two students log in to the hub in Chromium (Playwright) and each runs a cell
	@scripts/test-hub.sh --browser --kernel $(KERNEL_NAME)

test: deps ## every change's check, ~5 min on 2 cores: mvn verify, the kernel's protocol tests, every notebook (portable configuration) with the stale check and its exercises, the harness's tests; a table of the steps' times
	@source scripts/test-steps.sh; \
	step_bg "harness tests (make test-harness)" $(MAKE) --no-print-directory test-harness; \
	step_bg "notebook metadata (make check-notebooks)" $(MAKE) --no-print-directory check-notebooks; \
	step "build (mvn package, tests skipped)" $(MAKE) --no-print-directory build; \
	step "install kernels (portable, the kernel tests')" $(MAKE) --no-print-directory install-test-kernels; \
	step_bg "mvn verify" $(MAKE) --no-print-directory verify; \
	step_bg "kernel protocol tests (default JDK)" kernel/src/test/python/run_tests.sh --prefix $(BUILD_DIR)/kernel-tests; \
	step "notebooks + exercises (portable: 1 core, $(PORTABLE_BLAS))" \
	  $(RUN_PORTABLE) --kernel $(PORTABLE_KERNEL) --exercises --out-dir $(BUILD_DIR)/notebooks-portable; \
	steps_report "make test"

# Installed before mvn verify starts, which rewrites the jars they are copied from.
install-test-kernels:
	@$(INSTALL_PORTABLE) --name $(PORTABLE_KERNEL); \
	rm -rf $(BUILD_DIR)/kernel-tests; \
	scripts/install-kernel.sh --prefix $(BUILD_DIR)/kernel-tests --no-build --name java --python $(PY)

# What make test-all adds to make test: the same checks in other configurations (the default one,
# the second JDK), Binder, the browser, the grader, PyTorch and the hub; `make test-more` runs
# them alone, after a make test. The second JDK's kernel tests run alone, not beside the default
# configuration's notebooks: those, on both cores, delayed a heavy cell's stop to 1.45 s (the tests
# allow 1 s).
MORE_STEPS = step "install kernel $(KERNEL_NAME) (BLAS=$(BLAS))" scripts/install-kernel.sh --user --name $(KERNEL_NAME) --no-build --blas $(BLAS); \
	step "kernel tests, second JDK (test-jdk PART=kernel)" env PART=kernel KERNEL_NAME=$(KERNEL_NAME) scripts/test-second-jdk.sh; \
	step "notebooks + exercises (default: BLAS=$(BLAS))" $(RUN_NOTEBOOKS) --exercises; \
	steps_wait; \
	step "notebooks on the second JDK (make test-portable)" $(MAKE) --no-print-directory test-portable; \
	step "Binder (make test-binder)" scripts/test-binder.sh; \
	step "exercise flow in JupyterLab (make test-browser)" scripts/test-browser.sh --kernel $(KERNEL_NAME); \
	step "grader (make test-grade)" env KERNEL_NAME=$(KERNEL_NAME) $(PY) scripts/test_grade.py; \
	if scripts/torch.sh available; then step "PyTorch round trip (make test-torch)" scripts/torch.sh roundtrip; \
	else echo "== PyTorch round trip: skipped (build/torchvenv with torch and safetensors not found; make test-torch creates it)"; fi; \
	step "hub: $(STUDENTS) students (make test-hub)" scripts/test-hub.sh --students $(STUDENTS) --kernel $(KERNEL_NAME); \
	step "hub in Chromium (make test-hub-browser)" scripts/test-hub.sh --browser --kernel $(KERNEL_NAME)

test-all: deps ## make test, then the same checks in other configurations and what needs a browser (~15 min; CI): the notebooks in the default configuration (BLAS, all cores), the second JDK, Binder, the browser, the grader, PyTorch, the hub
	@STEPS_DIR=$(BUILD_DIR)/test-all-steps; source scripts/test-steps.sh; \
	step "make test" $(MAKE) --no-print-directory test; \
	$(MORE_STEPS); \
	steps_report "make test-all"

test-more: deps build ## what make test-all adds to make test, alone (after a make test)
	@STEPS_DIR=$(BUILD_DIR)/test-more-steps; source scripts/test-steps.sh; \
	$(MORE_STEPS); \
	steps_report "make test-more"

test-notebooks: ## make test's notebook step alone: every notebook (or NOTEBOOK=04) in the portable configuration, one core each, stale check, exercises
	@$(INSTALL_PORTABLE) --name $(PORTABLE_KERNEL); \
	$(RUN_PORTABLE) --kernel $(PORTABLE_KERNEL) --exercises --out-dir $(BUILD_DIR)/notebooks-portable

test-kernel: ## the kernel's Jupyter-level tests (jupyter_kernel_test, jupyter_client) on a throwaway install of the built jars
	@kernel/src/test/python/run_tests.sh --install

verify: ## mvn verify: the unit tests of lib and the kernel (JUnit), and the jars
	@c=$(CLASSIFIER); echo "verify: mvn verify -Dnd4j.classifier=$$c"; \
	$(MVN) verify -Dnd4j.classifier=$$c; \
	$(call prune_native_jars,$$c)

# The portable configuration on the second JDK (scripts/jdk.sh --second), or on the default JDK
# when there is none: with `make test`'s run on the default JDK, every notebook runs on both.
test-portable: ## the notebooks again in the portable configuration (one core each, PORTABLE_BLAS) on the second JDK if any; own PASS/FAIL summary
	@t0=$$(date +%s); \
	java=$$(scripts/jdk.sh --second); jdk=$${java:+ on $$java}; name=$(PORTABLE_KERNEL)$${java:+-second-jdk}; \
	echo "== test-portable: kernel '$$name': BLAS=$(PORTABLE_BLAS), $(PORTABLE_JVM_OPTS), each notebook pinned to one core$${jdk:- on the default JDK (no second JDK: $$(scripts/jdk.sh))}"; \
	$(INSTALL_PORTABLE) --name $$name $${java:+--java $$java}; \
	status=0; $(RUN_PORTABLE) --kernel $$name --out-dir $(BUILD_DIR)/notebooks-portable-second || status=$$?; \
	t1=$$(date +%s); \
	if (( status )); then echo "== test-portable: FAIL ($$((t1-t0)) s)"; exit 1; fi; \
	echo "== test-portable: PASS ($$((t1-t0)) s)"

margins: build ## lesson checks under {auto kernels, 2 cores} and {the course default at 8 lanes, 1 core} x SEEDS; table in build/margins.md
	@$(PY) scripts/margins.py --kernel-prefix $(KERNEL_NAME)-margins --seeds $(SEEDS) -j $(JOBS) --timeout $(TIMEOUT) \
	  $(if $(strip $(NOTEBOOK)),$(NOTEBOOK))

.PHONY: test-torch
test-torch: ## PyTorch round trip: Java saves state dicts, PyTorch (build/torchvenv, made if missing) loads them and reproduces Java's outputs
	@scripts/torch.sh roundtrip

notebooks: ## run notebooks (all, or NOTEBOOK=04) under the installed kernel; copies in build/notebooks
	@$(BLAS_INSTALL)$(RUN_NOTEBOOKS)

test-browser: ## the exercise flow of notebook 04 in JupyterLab 4 + Chromium (Playwright): wrong answer, hint, solution, pass, progress after restart; screenshots in build/browser/shots
	@scripts/test-browser.sh --kernel $(KERNEL_NAME)

progress: ## the exercises' progress table outside Jupyter (PROGRESS=file or home folder(s); default ~/.rnncourse/progress.json)
	@ls lib/target/rnn-course-lib-*.jar >/dev/null 2>&1 || $(MAKE) --no-print-directory build
	@java -cp "lib/target/*:lib/target/lib/*" rnncourse.exercise.ProgressReport $(PROGRESS)

grade: ## grade students' notebooks: SUBMISSIONS=DIR (a folder or notebook file per student; the hub's /home works) [OUT=DIR] [NOTEBOOK=04] -> OUT/gradebook.csv, reasons.csv, feedback/
	@test -n "$(SUBMISSIONS)" || { echo "grade: give SUBMISSIONS=DIR (one folder, or one notebook file named after its student, per student)" >&2; exit 2; }
	@$(PY) scripts/grade.py "$(SUBMISSIONS)" --out "$(OUT)" --kernel $(KERNEL_NAME) -j $(JOBS) --limit $(GRADE_LIMIT) \
	  $(if $(strip $(NOTEBOOK)),--notebooks "$(NOTEBOOK)")

test-harness: ## the harness's own tests (scripts/coursetest/tests) and the grader's unit tests: seconds, no Java kernel
	@cd scripts && $(PY) -m unittest discover -s coursetest/tests -t . && $(PY) -m unittest test_grade.Unit

test-grade: ## the grader's tests: a generated fixture class (notebooks 00, 04) graded twice against rows derived from how each submission was made
	@KERNEL_NAME=$(KERNEL_NAME) $(PY) scripts/test_grade.py

solutions: ## run the exercises (all, or NOTEBOOK=04) with their solutions (must pass) and wrong answers (must fail)
	@$(RUN_EXERCISES)

refresh: ## re-execute notebooks and store their outputs in notebooks/ (clean metadata); then commit
	@$(BLAS_INSTALL)$(RUN_NOTEBOOKS) --write-back

html: ## render the executed copies (build/notebooks) to build/html
	@shopt -s nullglob; files=($(BUILD_DIR)/notebooks/*.ipynb); \
	if (( $${#files[@]} == 0 )); then echo "html: no executed notebooks in $(BUILD_DIR)/notebooks; running them first"; \
	  $(RUN_NOTEBOOKS) || true; files=($(BUILD_DIR)/notebooks/*.ipynb); fi; \
	if (( $${#files[@]} == 0 )); then echo "html: nothing to render" >&2; exit 1; fi; \
	mkdir -p $(BUILD_DIR)/html; \
	$(PY) -m jupyter nbconvert --log-level=WARN --to html --output-dir $(BUILD_DIR)/html "$${files[@]}"; \
	ls $(BUILD_DIR)/html/*.html >/dev/null && echo "html: $$(ls $(BUILD_DIR)/html/*.html | wc -l) file(s) in $(BUILD_DIR)/html/"

bench: ## training steps, ours (auto and default mode) vs PyTorch and DL4J in one table (scripts/bench.sh); ROUNDS=3, AGAINST=<rev>, QUICK=1, BENCH_NOTEBOOKS=1
	@if [[ -x scripts/bench.sh ]]; then KERNEL_NAME=$(KERNEL_NAME) scripts/bench.sh $(if $(ROUNDS),--rounds $(ROUNDS)) $(if $(AGAINST),--against $(AGAINST)) \
	  $(if $(QUICK),--quick) $(if $(BENCH_NOTEBOOKS),--notebooks); \
	else echo "bench: scripts/bench.sh does not exist yet" >&2; exit 1; fi

bench-gemm-ab: ## the fixed-order product against another revision's, in one JVM (scripts/gemm-ab.sh): AGAINST=<rev> (required), GEMM_AB="--bits 256 --cores 2 50,128,512,-"
	@scripts/gemm-ab.sh --against "$(AGAINST)" $(GEMM_AB)

port-free:
	@if ! $(PY) -c 'import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", $(PORT)))' 2>/dev/null; then \
	  echo "error: port $(PORT) is already in use (another Jupyter?). Stop it, or use another port: make lab PORT=$$(( $(PORT) + 1 ))" >&2; exit 1; fi

test-jdk: build ## kernel tests + notebooks 00, 04, 13 on a second JDK (SECOND_JDK, or the newest 21+ in /usr/lib/jvm)
	@KERNEL_NAME=$(KERNEL_NAME) scripts/test-second-jdk.sh

test-binder: ## run postBuild in a scratch HOME/prefix and execute notebook 00 with its kernel
	@scripts/test-binder.sh

check-notebooks: ## fail if a committed notebook carries volatile metadata
	@shopt -s nullglob; files=(notebooks/*.ipynb); (( $${#files[@]} == 0 )) || $(PY) scripts/notebook_clean.py --check "$${files[@]}"

clean-notebooks: ## strip volatile metadata from notebooks/*.ipynb (outputs stay)
	@shopt -s nullglob; files=(notebooks/*.ipynb); (( $${#files[@]} == 0 )) || $(PY) scripts/notebook_clean.py "$${files[@]}"

clean: ## remove build/ and Maven target/ folders
	rm -rf $(BUILD_DIR)
	$(MVN) -q clean

# copy-dependencies never deletes: drop CPU-specific ND4J jars other than the chosen one, so the
# native loader cannot pick a stale build for another CPU (the generic jar always stays).
define prune_native_jars
for j in lib/target/lib/nd4j-native-*-linux-x86_64-*.jar; do \
  [[ -e "$$j" && "$$j" != *"-$(1).jar" ]] && rm -f "$$j" || true; done
endef
