#!/usr/bin/env bash
# make bench: times one training step of the course's workloads in the library (bench/ module,
# rnncourse.bench.TrainStepBench) in both of its BLAS modes, and the same workloads in two peers:
# PyTorch (scripts/pytorch_bench.py, where a PyTorch CPU wheel can be had) and Deeplearning4j
# 1.0.0-M2.1 on the same ND4J (bench-dl4j/, Maven profile dl4j). It prints one table, a row per
# workload and columns ours auto | ours reproducible | PyTorch | DL4J with ours/peer ratios, and
# the three implementations' parameter counts. The last line is the library's (auto) JSON result.
#
#   scripts/bench.sh [--quick] [--no-torch] [--no-dl4j] [--notebooks] [--rounds N] [--against REV]
#
# The "ours reproducible" column is the course kernel's default mode (REPRODUCIBLE_MODE below, repro:
# the fixed-order float32 product); BENCH_REPRODUCIBLE_MODE=avx2 measures the earlier reproducible
# mode (OpenBLAS's AVX2 kernels) there instead.
#
# --notebooks adds "where the student waits": the first cell's time after kernel start and the
# wall times of notebooks 13 and 08, one CPU each (run_notebooks.py --one-core-each, the JVM told it
# has one CPU), in the course's default mode; it takes minutes, so it is off by default.
#
# DL4J's threads (ND4J's OpenMP and OpenBLAS's) are fixed when ND4J loads, so each thread setting
# runs in its own JVM; first every setting is tried (--quick timings; the first run also checks the
# models' parameter counts and falling loss), then the rounds time the fastest. A peer that cannot be built or run leaves its column empty with the
# reason; only the library's own benchmark failing makes this script fail.
#
# --against REV also builds the benchmark of git revision REV (a detached worktree under
# build/bench-against) and runs it (auto mode) before this checkout's in every round, so a change's
# before and after see the same machine; the table then has a "before" column and auto/before.
#
# --rounds N alternates all benchmarks N times and reports each key's median over the rounds:
# on a shared machine the load changes from minute to minute, and alternating gives all the
# same conditions.
#
# Environment: BENCH_TORCH_PYTHON=/path/to/python (a python that has torch) skips the venv;
# ND4J_CLASSIFIER overrides the ND4J native build (see scripts/nd4j-classifier.sh);
# KERNEL_NAME names the kernelspecs --notebooks installs (KERNEL_NAME-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=(); TORCH=1; DL4J=1; NOTEBOOKS=0; ROUNDS=1; AGAINST=""
while (( $# )); do
  case "$1" in
    --quick) QUICK=(--quick) ;;
    --no-torch) TORCH=0 ;;
    --no-dl4j) DL4J=0 ;;
    --notebooks) NOTEBOOKS=1 ;;
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift ;;
    --against) AGAINST=${2:?--against needs a git revision}; shift ;;
    *) echo "usage: $0 [--quick] [--no-torch] [--no-dl4j] [--notebooks] [--rounds N] [--against REV]" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "bench: $*" >&2; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }

# ---- the library's two modes ---------------------------------------------------------------
# A mode is a value of install-kernel.sh's --blas, given to a JVM as install-kernel.sh gives it.
# REPRODUCIBLE_MODE is the course's default (what the kernel gives the notebooks): the one name to
# change when that default changes (or BENCH_REPRODUCIBLE_MODE=... for one run).
AUTO_MODE=auto
REPRODUCIBLE_MODE=${BENCH_REPRODUCIBLE_MODE:-repro}
mode_jvm_opts() { echo "-Drnncourse.openblas.coretype=$1"; }

# ---- build the benchmark with the ND4J native build for this CPU -------------------------
CLASSIFIER=linux-x86_64
if [[ -x scripts/nd4j-classifier.sh ]]; then
  CLASSIFIER=$(scripts/nd4j-classifier.sh 2>/dev/null || echo linux-x86_64)
fi
EXT=${CLASSIFIER#linux-x86_64}
log "building bench/ (ND4J classifier $CLASSIFIER)"
MVN=(mvn -q -B -pl bench -am package -DskipTests -Dnd4j.classifier="$CLASSIFIER")
"${MVN[@]}" -o >&2 2>&1 || "${MVN[@]}" >&2

CP="bench/target/classes:$(cat bench/target/classpath.txt)"
BEFORE_CP=""
if [[ -n "$AGAINST" ]]; then
  rev=$(git rev-parse --verify "$AGAINST^{commit}") || { log "--against $AGAINST: not a git revision here"; exit 2; }
  wt=build/bench-against
  if [[ -d $wt ]]; then git -C "$wt" checkout -q --detach "$rev"; else git worktree add -q --detach "$wt" "$rev"; fi
  log "building bench/ of $AGAINST ($(git log -1 --format='%h %s' "$rev" | cut -c1-70)) in $wt"
  ( cd "$wt" && { "${MVN[@]}" -o >&2 2>&1 || "${MVN[@]}" >&2; } )
  # classpath.txt lists the lib jar of that worktree's own build
  BEFORE_CP="$wt/bench/target/classes:$(cat "$wt/bench/target/classpath.txt")"
fi
JAVA_OPTS=(-Xmx2g -Djava.awt.headless=true --add-modules jdk.incubator.vector)
[[ -n "$EXT" ]] && JAVA_OPTS+=(-Dorg.bytedeco.javacpp.platform.extension="$EXT")

mkdir -p build

# The JSON line that ends a benchmark's output file $1, or nothing.
json_of() { local j; j=$(tail -n 1 "$1" 2>/dev/null || true); if [[ "$j" == \{* ]]; then echo "$j"; fi; }

# Runs the library's benchmark once in mode $1, from class path $2 (default: this checkout's);
# prints its JSON line.
run_ours() {
  local mode=$1 cp=${2:-$CP} out=build/bench-ours-$1${2:+-before}
  log "running the library's benchmark${2:+ of $AGAINST}, mode $mode (load average $(load))"
  OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} java "${JAVA_OPTS[@]}" "$(mode_jvm_opts "$mode")" -cp "$cp" \
    rnncourse.bench.TrainStepBench "${QUICK[@]}" 2> "$out.err" > "$out.txt" || true
  grep '^#' "$out.txt" >&2 || true
  local json; json=$(json_of "$out.txt")
  if [[ -z "$json" ]]; then
    log "the Java benchmark failed (mode $mode); its stderr:"; tail -n 30 "$out.err" >&2; return 1
  fi
  echo "$json"
}

# ---- PyTorch (CPU wheel with MKL) in a venv, if one can be had ---------------------------
# Prints the python to use, or why there is none (and fails).
find_torch_python() {
  if [[ -n "${BENCH_TORCH_PYTHON:-}" ]]; then echo "$BENCH_TORCH_PYTHON"; return 0; fi
  local venv=build/torchvenv
  if [[ -x $venv/bin/python ]] && $venv/bin/python -c 'import torch' 2>/dev/null; then
    echo "$venv/bin/python"; return 0
  fi
  if command -v python3 >/dev/null && python3 -c 'import torch, sys; sys.exit(0 if torch.backends.mkl.is_available() else 1)' 2>/dev/null; then
    command -v python3; return 0
  fi
  # Debian's python3-torch uses reference BLAS (~5 GF/s) and is no fair yardstick: only use pip's wheel.
  command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 || { echo "no python3 with pip"; return 1; }
  source scripts/pip-local.sh; pip_local_args; local pipargs=("${PIP_LOCAL_ARGS[@]}")
  log "creating $venv and installing torch (${pipargs[*]:-pip defaults})"
  python3 -m venv "$venv" >&2 || { echo "python3 -m venv failed"; return 1; }
  if ! timeout 900 "$venv/bin/pip" install -q --disable-pip-version-check "${pipargs[@]}" torch >&2; then
    echo "pip could not install torch"; return 1
  fi
  "$venv/bin/python" -c 'import torch' 2>/dev/null || { echo "torch does not import in $venv"; return 1; }
  echo "$venv/bin/python"
}

# Runs the PyTorch benchmark once with python $1; prints its JSON line (nothing if it failed).
run_torch() {
  log "running the PyTorch benchmark with $1 (load average $(load))"
  OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 "$1" -W ignore scripts/pytorch_bench.py "${QUICK[@]}" \
    2> build/bench-torch.err > build/bench-torch.txt || true
  grep '^#' build/bench-torch.txt >&2 || true
  local json; json=$(json_of build/bench-torch.txt)
  if [[ -n "$json" ]]; then echo "$json"; else log "the PyTorch benchmark failed: $(tail -n 3 build/bench-torch.err)"; fi
}

# ---- Deeplearning4j on the same ND4J (bench-dl4j/, built only here) ----------------------
DL4J_WHY=""; DL4J_CP=""; DL4J_SETTING=""; DL4J_TRIED=build/bench-dl4j-settings.tsv
: > "$DL4J_TRIED"
if (( DL4J )); then
  log "building bench-dl4j/ (Deeplearning4j 1.0.0-M2.1, Maven profile dl4j)"
  DL4J_MVN=(mvn -q -B -P dl4j -pl bench-dl4j -am package -DskipTests -Dnd4j.classifier="$CLASSIFIER")
  if "${DL4J_MVN[@]}" -o > build/bench-dl4j-build.log 2>&1 || "${DL4J_MVN[@]}" > build/bench-dl4j-build.log 2>&1; then
    DL4J_CP="bench-dl4j/target/classes:$(cat bench-dl4j/target/classpath.txt)"
  else
    DL4J_WHY="not built: mvn -P dl4j -pl bench-dl4j failed: $(grep -m1 'ERROR' build/bench-dl4j-build.log | cut -c1-120) (build/bench-dl4j-build.log)"
    log "DL4J: $DL4J_WHY"
  fi
else
  DL4J_WHY="not run (--no-dl4j)"
fi
NCPU=$(nproc 2>/dev/null || echo 2)
# DL4J's thread settings: its default (ND4J sets OpenBLAS's threads to OMP_NUM_THREADS, which
# defaults to the cores), one thread for both, and ND4J's and OpenBLAS's threads set apart
# (ND4J_SKIP_BLAS_THREADS keeps ND4J from setting OpenBLAS's).
# The first one tried also runs the models' loss check, so it is the cheapest; the default, which
# oversubscribes the cores (ND4J's and OpenBLAS's threads, NCPU each), comes last.
DL4J_SETTINGS=("OMP_NUM_THREADS=1")
if (( NCPU > 1 )); then
  DL4J_SETTINGS+=("OMP_NUM_THREADS=$NCPU ND4J_SKIP_BLAS_THREADS=1 OPENBLAS_NUM_THREADS=1"
                  "OMP_NUM_THREADS=1 ND4J_SKIP_BLAS_THREADS=1 OPENBLAS_NUM_THREADS=$NCPU"
                  "OMP_NUM_THREADS=$NCPU")
fi

# Runs the DL4J benchmark once with thread setting $1 (words VAR=value) and the arguments after
# it; prints its JSON line, or the reason it failed on build/bench-dl4j.why.
run_dl4j() {
  local setting=$1; shift
  log "running the DL4J benchmark, $setting (load average $(load))"
  # shellcheck disable=SC2086  # the setting is words VAR=value
  env $setting java "${JAVA_OPTS[@]}" "$(mode_jvm_opts "$AUTO_MODE")" -cp "$DL4J_CP" \
    rnncourse.bench.dl4j.Dl4jTrainStepBench "$@" 2> build/bench-dl4j.err > build/bench-dl4j.txt || true
  grep '^#' build/bench-dl4j.txt >&2 || true
  local json; json=$(json_of build/bench-dl4j.txt)
  if [[ -n "$json" ]]; then echo "$json"; return 0; fi
  local why; why=$(sed -n 's/^# failed: //p' build/bench-dl4j.txt | head -n 1)
  why=${why:-"$(grep -m1 -E 'Exception|Error' build/bench-dl4j.err | cut -c1-150) (build/bench-dl4j.err)"}
  echo "failed: $why" > build/bench-dl4j.why
  log "DL4J failed: $why"
}

# Geometric mean of a JSON result's step times: the one number thread settings are ranked by.
step_geomean() {
  python3 -c '
import json, math, sys
r = [v for k, v in json.loads(sys.argv[1]).items() if "_step_" in k]
print(math.exp(sum(math.log(v) for v in r) / len(r)) if r else "inf")' "$1"
}

# Tries every thread setting (--quick timings), writes them to $DL4J_TRIED and sets DL4J_SETTING
# to the fastest; fails (with build/bench-dl4j.why) when the benchmark does.
choose_dl4j_setting() {
  local best="" best_g="" setting json g check=()
  for setting in "${DL4J_SETTINGS[@]}"; do
    json=$(run_dl4j "$setting" --quick "${check[@]}")
    check=(--no-loss-check)   # the models were checked in the first run
    [[ -z "$json" ]] && return 1
    g=$(step_geomean "$json")
    printf '%s\t%s\n' "$setting" "$json" >> "$DL4J_TRIED"
    if [[ -z "$best" ]] || awk -v a="$g" -v b="$best_g" 'BEGIN { exit !(a < b) }'; then best=$setting; best_g=$g; fi
  done
  DL4J_SETTING=$best
  log "DL4J: fastest thread setting: $DL4J_SETTING"
}

PY=""; TORCH_WHY=""
if (( TORCH )); then
  if PY=$(find_torch_python); then :; else TORCH_WHY="not run: ${PY:-no PyTorch CPU wheel here}"; PY=""; log "PyTorch: $TORCH_WHY"; fi
else
  TORCH_WHY="not run (--no-torch)"
fi
rm -f build/bench-dl4j.why
if [[ -n "$DL4J_CP" ]] && ! choose_dl4j_setting; then
  DL4J_CP=""; DL4J_WHY=$(cat build/bench-dl4j.why)
fi

AUTO_ALL=(); REPRO_ALL=(); TORCH_ALL=(); DL4J_ALL=(); BEFORE_ALL=()
for (( r = 1; r <= ROUNDS; r++ )); do
  (( ROUNDS > 1 )) && log "round $r of $ROUNDS"
  if [[ -n "$BEFORE_CP" ]]; then
    BEFORE_ALL+=("$(run_ours "$AUTO_MODE" "$BEFORE_CP")") || exit 1
    log "$AGAINST, round $r: ${BEFORE_ALL[-1]}"
  fi
  AUTO_ALL+=("$(run_ours "$AUTO_MODE")") || exit 1
  REPRO_ALL+=("$(run_ours "$REPRODUCIBLE_MODE")") || exit 1
  (( ROUNDS > 1 )) && log "this checkout, round $r: auto ${AUTO_ALL[-1]}; $REPRODUCIBLE_MODE ${REPRO_ALL[-1]}"
  [[ -n "$PY" ]] && TORCH_ALL+=("$(run_torch "$PY")")
  if [[ -n "$DL4J_CP" ]]; then
    json=$(run_dl4j "$DL4J_SETTING" "${QUICK[@]}" --no-loss-check)
    if [[ -n "$json" ]]; then DL4J_ALL+=("$json"); else DL4J_CP=""; DL4J_ALL=(); DL4J_WHY=$(cat build/bench-dl4j.why); fi
  fi
done
if [[ -n "$PY" && -z "$(json_of build/bench-torch.txt)" ]]; then
  TORCH_WHY="failed: $(tail -n 1 build/bench-torch.err | cut -c1-150) (build/bench-torch.err)"
fi

# ---- where the student waits (--notebooks) -------------------------------------------------
STUDENT_WHY=""
rm -f build/bench-startup.txt build/bench-notebooks.txt
if (( NOTEBOOKS )); then
  kname="${KERNEL_NAME:-java}-bench"
  log "--notebooks: kernel '$kname' in the default mode ($REPRODUCIBLE_MODE), the JVM told it has one CPU"
  if scripts/install-kernel.sh --user --name "$kname" --blas "$REPRODUCIBLE_MODE" \
       --jvm-opt -XX:ActiveProcessorCount=1 > build/bench-kernel.log 2>&1; then
    core=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')
    log "first cell after kernel start (kernel/src/test/python/measure_startup.py, on core $core; load average $(load))"
    RNN_COURSE_KERNEL_NAME=$kname taskset -c "$core" /usr/bin/python3 kernel/src/test/python/measure_startup.py 5 \
      > build/bench-startup.txt 2>&1 || true
    cat build/bench-startup.txt >&2
    log "notebooks 13 and 08, one after the other, one core each (load average $(load))"
    /usr/bin/python3 scripts/run_notebooks.py --kernel "$kname" -j 1 --one-core-each --no-stale-check \
      --timeout 900 --out-dir build/bench-notebooks 13 08 > build/bench-notebooks.txt 2>&1 || true
    cat build/bench-notebooks.txt >&2
  else
    STUDENT_WHY="kernel not installed: $(tail -n 1 build/bench-kernel.log) (build/bench-kernel.log)"
    log "--notebooks: $STUDENT_WHY"
  fi
fi

# each key's median over the rounds
median_json() {
  python3 -c '
import json, statistics, sys
runs = [json.loads(a) for a in sys.argv[1:] if a.strip().startswith("{")]
if runs:
    print(json.dumps({k: float(f"{statistics.median(r[k] for r in runs if k in r):.4g}") for k in runs[0]}))
' "$@"
}
AUTO_JSON=$(median_json "${AUTO_ALL[@]}")
REPRO_JSON=$(median_json "${REPRO_ALL[@]}")
TORCH_JSON=""; (( ${#TORCH_ALL[@]} )) && TORCH_JSON=$(median_json "${TORCH_ALL[@]}")
DL4J_JSON=""; (( ${#DL4J_ALL[@]} )) && DL4J_JSON=$(median_json "${DL4J_ALL[@]}")
BEFORE_JSON=""; (( ${#BEFORE_ALL[@]} )) && BEFORE_JSON=$(median_json "${BEFORE_ALL[@]}")
# Which CPU measured: the same 2-vCPU machine has been a Zen 5 (family 26) on some days and a Zen 4
# (family 25, whose AVX-512 runs on 256-bit units: half the FMA peak per cycle) on others.
cpu_line() {
  awk -F': ' '/^model name/ && !m { m = $2 } /^cpu family/ && !f { f = $2 } /^model\t/ && !n { n = $2 }
              END { printf "%s, family %s model %s", m, f, n }' /proc/cpuinfo 2>/dev/null
  echo ", $NCPU CPU(s)$(grep -q avx512f /proc/cpuinfo 2>/dev/null && echo ", AVX-512")"
}
params_of() { sed -n 's/^# params //p' "$1" 2>/dev/null | tail -n 1; }

# ---- table ---------------------------------------------------------------------------------
LOAD=$(load)
if awk -v l="$LOAD" -v n="$NCPU" 'BEGIN { exit !(l + 0 > n * 0.75) }' 2>/dev/null; then
  log "WARNING: load average $LOAD on $NCPU cores: other processes compete for the CPU, timings are not reliable"
fi
TABLE=(--auto "$AUTO_JSON" --reproducible "$REPRO_JSON" --reproducible-mode "$REPRODUCIBLE_MODE"
       --torch "$TORCH_JSON" --torch-why "$TORCH_WHY"
       --dl4j "$DL4J_JSON" --dl4j-why "$DL4J_WHY" --dl4j-setting "$DL4J_SETTING" --dl4j-tried "$DL4J_TRIED"
       --before "$BEFORE_JSON" --against "$AGAINST"
       --params-ours "$(params_of "build/bench-ours-$AUTO_MODE.txt")" --params-torch "$(params_of build/bench-torch.txt)"
       --params-dl4j "$(params_of build/bench-dl4j.txt)"
       --rounds "$ROUNDS" --load "$LOAD" --cpu "$(cpu_line)")
(( ${#QUICK[@]} )) && TABLE+=(--quick)
if (( NOTEBOOKS )); then
  TABLE+=(--startup build/bench-startup.txt --notebooks build/bench-notebooks.txt --student-why "$STUDENT_WHY")
fi
python3 scripts/bench_table.py "${TABLE[@]}"
[[ -n "$TORCH_JSON" ]] && echo "pytorch: $TORCH_JSON"
[[ -n "$DL4J_JSON" ]] && echo "dl4j: $DL4J_JSON"
echo "$REPRODUCIBLE_MODE: $REPRO_JSON"
echo "$AUTO_JSON"
