#!/usr/bin/env bash
# make bench: times one training step of the course's workloads in the library (bench/ module,
# rnncourse.bench.TrainStepBench) and, where PyTorch can be imported, the same workloads in
# PyTorch (scripts/pytorch_bench.py), then prints a comparison table. The last line is the
# library's JSON result (keys of issue 7).
#
#   scripts/bench.sh [--quick] [--no-torch] [--rounds N] [--against REV] [--blas MODE]
#
# --blas MODE: the library's product mode, as the kernel's --blas (scripts/install-kernel.sh):
# auto (default here: the fastest, OpenBLAS's AVX-512 kernels where the CPU has them), avx2 (the
# course kernel's default, reproducible) or repro (reproducible at full vector width).
#
# --against REV also builds the benchmark of git revision REV (a detached worktree under
# build/bench-against) and runs it before this checkout's in every round, so a change's
# before and after see the same machine; the table then has a "before" column and after/before.
#
# --rounds N alternates the two benchmarks N times and reports each key's median over the rounds:
# on a shared machine the load changes from minute to minute, and alternating gives both the
# same conditions.
#
# Environment: BENCH_TORCH_PYTHON=/path/to/python (a python that has torch) skips the venv;
# ND4J_CLASSIFIER overrides the ND4J native build (see scripts/nd4j-classifier.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=(); TORCH=1; ROUNDS=1; AGAINST=""; BLAS_MODE=auto
while (( $# )); do
  case "$1" in
    --quick) QUICK=(--quick) ;;
    --no-torch) TORCH=0 ;;
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift ;;
    --against) AGAINST=${2:?--against needs a git revision}; shift ;;
    --blas) BLAS_MODE=${2:?--blas needs repro, auto or avx2}; shift ;;
    *) echo "usage: $0 [--quick] [--no-torch] [--rounds N] [--against REV] [--blas MODE]" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "bench: $*" >&2; }

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
[[ "$BLAS_MODE" == auto ]] || JAVA_OPTS+=(-Drnncourse.openblas.coretype="$BLAS_MODE")
[[ -n "$EXT" ]] && JAVA_OPTS+=(-Dorg.bytedeco.javacpp.platform.extension="$EXT")

mkdir -p build

# Runs the library's benchmark once, from class path $1 (default: this checkout's); prints its JSON line.
run_ours() {
  local cp=${1:-$CP}
  log "running the library's benchmark${1:+ of $AGAINST} (load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null))"
  OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} java "${JAVA_OPTS[@]}" -cp "$cp" rnncourse.bench.TrainStepBench "${QUICK[@]}" \
    2> build/bench-ours.err > build/bench-ours.txt || true
  grep '^#' build/bench-ours.txt >&2 || true
  local json; json=$(tail -n 1 build/bench-ours.txt)
  if [[ "$json" != \{* ]]; then
    log "the Java benchmark failed; its stderr:"; tail -n 30 build/bench-ours.err >&2; return 1
  fi
  echo "$json"
}

# ---- PyTorch (CPU wheel with MKL) in a venv, if one can be had ---------------------------
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
  command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 || return 1
  source scripts/pip-local.sh; pip_local_args; local pipargs=("${PIP_LOCAL_ARGS[@]}")
  log "creating $venv and installing torch (${pipargs[*]:-pip defaults})"
  python3 -m venv "$venv" >&2 || return 1
  if ! timeout 900 "$venv/bin/pip" install -q --disable-pip-version-check "${pipargs[@]}" torch >&2; then
    log "pip could not install torch"; return 1
  fi
  "$venv/bin/python" -c 'import torch' 2>/dev/null || return 1
  echo "$venv/bin/python"
}

# Runs the PyTorch benchmark once with python $1; prints its JSON line (nothing if it failed).
run_torch() {
  log "running the PyTorch benchmark with $1 (load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null))"
  OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 "$1" -W ignore scripts/pytorch_bench.py "${QUICK[@]}" \
    2> build/bench-torch.err > build/bench-torch.txt || true
  grep '^#' build/bench-torch.txt >&2 || true
  local json; json=$(tail -n 1 build/bench-torch.txt)
  if [[ "$json" == \{* ]]; then echo "$json"; else log "the PyTorch benchmark failed: $(tail -n 3 build/bench-torch.err)"; fi
}

PY=""
if (( TORCH )); then
  PY=$(find_torch_python) || { PY=""; log "PyTorch (pip CPU wheel) is not available here: skipping the comparison"; }
fi
OURS_ALL=(); TORCH_ALL=(); BEFORE_ALL=()
for (( r = 1; r <= ROUNDS; r++ )); do
  (( ROUNDS > 1 )) && log "round $r of $ROUNDS"
  if [[ -n "$BEFORE_CP" ]]; then
    BEFORE_ALL+=("$(run_ours "$BEFORE_CP")") || exit 1
    log "$AGAINST, round $r: ${BEFORE_ALL[-1]}"
  fi
  OURS_ALL+=("$(run_ours)") || exit 1
  (( ROUNDS > 1 )) && log "this checkout, round $r: ${OURS_ALL[-1]}"
  [[ -n "$PY" ]] && TORCH_ALL+=("$(run_torch "$PY")")
done
# each key's median over the rounds
median_json() {
  python3 -c '
import json, statistics, sys
runs = [json.loads(a) for a in sys.argv[1:] if a.strip().startswith("{")]
if runs:
    print(json.dumps({k: float(f"{statistics.median(r[k] for r in runs if k in r):.4g}") for k in runs[0]}))
' "$@"
}
OURS_JSON=$(median_json "${OURS_ALL[@]}")
TORCH_JSON=""
(( ${#TORCH_ALL[@]} )) && TORCH_JSON=$(median_json "${TORCH_ALL[@]}")
BEFORE_JSON=""
(( ${#BEFORE_ALL[@]} )) && BEFORE_JSON=$(median_json "${BEFORE_ALL[@]}")

# ---- table ---------------------------------------------------------------------------------
LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
NCPU=$(nproc 2>/dev/null || echo "?")
if awk -v l="$LOAD" -v n="$NCPU" 'BEGIN { exit !(l + 0 > n * 0.75) }' 2>/dev/null; then
  log "WARNING: load average $LOAD on $NCPU cores: other processes compete for the CPU, timings are not reliable"
fi
TJ=${TORCH_JSON:-"{}"}; BJ=${BEFORE_JSON:-"{}"}
python3 - "$OURS_JSON" "$TJ" "$BJ" "$AGAINST" <<'EOF'
import json, sys
ours, torch, before, against = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
# times: ours/other; GFLOP/s: other/ours -- either way < 1 means this checkout is faster
ratio = lambda k, v, other: f"{(other / v if k.endswith('_gflops') else v / other):8.2f}" if other else f"{'-':>8}"
print()
head = f"{'key':<28}" + (f" {'before':>10}" if before else "") + f" {'ours':>10}" + (f" {'vs before':>9}" if before else "")
print(head + f" {'PyTorch':>10} {'ratio':>8}")
for k, v in ours.items():
    line = f"{k:<28}"
    if before:
        b = before.get(k)
        line += f" {b if b else '-':>10}"
    line += f" {v:>10.4g}"
    if before:
        line += f" {ratio(k, v, before.get(k)):>9}"
    t = torch.get(k)
    print(line + f" {t if t else '-':>10} {ratio(k, v, t)}")
print("ratio: ours/PyTorch for times, PyTorch/ours for GFLOP/s: below 1 the library is faster")
if before:
    print(f"vs before: the same against {against} (median of the rounds, run alternately)")
print()
EOF
[[ -n "$TORCH_JSON" ]] && echo "pytorch: $TORCH_JSON"
echo "$OURS_JSON"
