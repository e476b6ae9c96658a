# rnn-course: the commands a student, a teacher and CI use.  `make help` lists them.
#
# Variables (override on the command line, e.g. `make notebooks NOTEBOOK=04 TIMEOUT=600`):
#   NOTEBOOK         notebook number(s) or name(s) to run; empty = all
#   JOBS             notebooks executed in parallel (default 2)
#   TIMEOUT          seconds a single cell may run before its kernel is killed (default 300)
#   PORT             port for `make lab` (default 8888)
#   KERNEL_NAME      kernelspec name to install and run under (default java)
#   ND4J_CLASSIFIER  CPU build of ND4J's native library (default: chosen by scripts/nd4j-classifier.sh)
#   SKIP_STALE_CHECK=1  do not compare committed notebook outputs with the fresh run
#   JAVA_HOME        the JDK to build and run with (17, 21 or 25); default: the `java` on PATH
#   SECOND_JDK       a second JDK that `make test` tests the kernel on (default: the newest JDK 21+
#                    under /usr/lib/jvm besides the default; scripts/test-second-jdk.sh)

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
BUILD_DIR   := build

# The classifier is only computed by the recipes that need it (it may download a jar once).
CLASSIFIER   = $${ND4J_CLASSIFIER:-$$(scripts/nd4j-classifier.sh)}
export ND4J_CLASSIFIER
RUN_NOTEBOOKS = $(PY) scripts/run_notebooks.py --kernel $(KERNEL_NAME) -j $(JOBS) --timeout $(TIMEOUT) \
                $(if $(strip $(NOTEBOOK)),$(NOTEBOOK))

.PHONY: help deps build kernel lab test verify notebooks refresh html bench clean \
        test-binder check-notebooks clean-notebooks classifier port-free test-jdk

help: ## list the targets
	@echo "rnn-course — make targets:"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/\1\t\2/' | awk -F'\t' '{printf "  %-16s %s\n", $$1, $$2}'
	@echo "Variables: NOTEBOOK=04  JOBS=2  TIMEOUT=300  PORT=8888  KERNEL_NAME=java  ND4J_CLASSIFIER=...  SKIP_STALE_CHECK=1"

deps: ## check JDK 17, Maven, Jupyter (Debian packages), Hangul font; apt-get install what is missing
	@scripts/ensure-deps.sh

classifier: ## print the ND4J native build chosen for this CPU (and check that it loads)
	@scripts/nd4j-classifier.sh

build: ## build lib/ and kernel/ jars (mvn package, tests skipped)
	@scripts/jdk.sh | sed "s/^/build: /"
	@c=$(CLASSIFIER); echo "build: mvn package -DskipTests -Dnd4j.classifier=$$c"; \
	$(MVN) -q package -DskipTests -Dnd4j.classifier=$$c; \
	$(call prune_native_jars,$$c)

kernel: build ## build, then install the Java Jupyter kernel (kernelspec 'java', --user)
	@scripts/install-kernel.sh --user --name $(KERNEL_NAME) --no-build

lab: port-free deps kernel ## open the course in Jupyter (notebooks/ as root) on PORT
	@$(MAKE) --no-print-directory port-free
	@app=notebook; if $(PY) -c 'import jupyterlab' 2>/dev/null; then app=lab; fi; \
	echo "lab: starting Jupyter $$app on http://localhost:$(PORT)/ with notebooks/ as root (Ctrl-C to stop)"; \
	root_flag=; if (( EUID == 0 )); then root_flag=--allow-root; fi; \
	exec $(PY) -m jupyter $$app --notebook-dir=notebooks --port=$(PORT) --port-retries=0 $$root_flag $(LAB_ARGS)

test: deps ## everything CI checks: mvn verify, kernel install + protocol tests, Binder install test, every notebook
	@t0=$$(date +%s); failed=(); \
	c=$(CLASSIFIER); echo "== mvn verify (nd4j classifier $$c)"; \
	$(MVN) verify -Dnd4j.classifier=$$c; \
	$(call prune_native_jars,$$c); \
	t1=$$(date +%s); echo "== mvn verify: OK ($$((t1-t0)) s)"; \
	echo "== install kernel '$(KERNEL_NAME)'"; scripts/install-kernel.sh --user --name $(KERNEL_NAME) --no-build; \
	echo "== kernel protocol tests (jupyter_kernel_test + jupyter_client, throwaway kernelspec)"; \
	kernel/src/test/python/run_tests.sh --install || failed+=("kernel protocol tests"); \
	echo "== committed notebooks are free of volatile metadata"; \
	$(MAKE) --no-print-directory check-notebooks || failed+=("check-notebooks (run make clean-notebooks or make refresh)"); \
	echo "== Binder: postBuild in a scratch HOME/prefix, then notebook 00"; \
	scripts/test-binder.sh || failed+=("test-binder"); \
	t2=$$(date +%s); echo "== kernel, metadata and Binder checks took $$((t2-t1)) s"; \
	echo "== notebooks"; $(RUN_NOTEBOOKS) || failed+=("notebooks"); \
	t3=$$(date +%s); echo "== notebooks took $$((t3-t2)) s"; \
	echo "== second JDK: kernel tests and notebooks 00, 04, 13 (scripts/test-second-jdk.sh)"; \
	KERNEL_NAME=$(KERNEL_NAME) scripts/test-second-jdk.sh || failed+=("test-jdk"); \
	t4=$$(date +%s); echo "== second JDK took $$((t4-t3)) s; make test took $$((t4-t0)) s in all"; \
	if (( $${#failed[@]} )); then printf '== make test FAILED: %s\n' "$${failed[@]}"; exit 1; fi; \
	echo "== make test: all passed"

notebooks: ## run notebooks (all, or NOTEBOOK=04) under the installed kernel; copies in build/notebooks
	@$(RUN_NOTEBOOKS)

refresh: ## re-execute notebooks and store their outputs in notebooks/ (clean metadata); then commit
	@$(RUN_NOTEBOOKS) --write-back

html: ## render the executed copies (build/notebooks) to build/html
	@shopt -s nullglob; files=($(BUILD_DIR)/notebooks/*.ipynb); \
	if (( $${#files[@]} == 0 )); then echo "html: no executed notebooks in $(BUILD_DIR)/notebooks; running them first"; \
	  $(RUN_NOTEBOOKS) || true; files=($(BUILD_DIR)/notebooks/*.ipynb); fi; \
	if (( $${#files[@]} == 0 )); then echo "html: nothing to render" >&2; exit 1; fi; \
	mkdir -p $(BUILD_DIR)/html; \
	$(PY) -m jupyter nbconvert --log-level=WARN --to html --output-dir $(BUILD_DIR)/html "$${files[@]}"; \
	ls $(BUILD_DIR)/html/*.html >/dev/null && echo "html: $$(ls $(BUILD_DIR)/html/*.html | wc -l) file(s) in $(BUILD_DIR)/html/"

bench: ## training-step benchmark vs PyTorch (scripts/bench.sh)
	@if [[ -x scripts/bench.sh ]]; then scripts/bench.sh; \
	else echo "bench: scripts/bench.sh does not exist yet" >&2; exit 1; fi

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
