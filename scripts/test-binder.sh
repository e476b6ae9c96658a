#!/usr/bin/env bash
# Tests the Binder set-up without repo2docker: copies the repository (tracked and new files,
# no build output, like a fresh clone) to a scratch folder, runs its postBuild with a scratch
# HOME and a scratch kernel prefix, checks that Jupyter resolves the "java" kernelspec from that
# prefix, and executes notebook 00 with it.
#
#   scripts/test-binder.sh            (make test-binder; also part of make test)
#   KEEP_SCRATCH=1 scripts/test-binder.sh   keep the scratch folder for inspection
#
# Uses the system's JDK, Maven and /usr/bin/python3's Jupyter in place of the conda
# environment, and the real ~/.m2 repository (so nothing is downloaded twice).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PY=/usr/bin/python3

shopt -s nullglob
first=(notebooks/00_*.ipynb)
shopt -u nullglob
if (( ${#first[@]} == 0 )); then
  echo "test-binder: SKIP: there is no notebooks/00_*.ipynb yet"
  exit 0
fi

t0=$(date +%s)
real_m2="${MAVEN_REPO:-$HOME/.m2/repository}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/rnn-binder.XXXXXX")"
cleanup() {
  if [[ -n "${KEEP_SCRATCH:-}" ]]; then echo "test-binder: scratch kept in $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

# A fresh checkout: what git tracks plus new, not-ignored files (no target/, no build/).
mkdir -p "$scratch/repo" "$scratch/home" "$scratch/prefix" "$scratch/runtime"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$scratch/repo"
else  # an exported tree without .git: copy it minus build output
  tar --exclude=./.git --exclude=./build --exclude='./*/target' -cf - . | tar -xf - -C "$scratch/repo"
fi
[[ -x "$scratch/repo/postBuild" ]] || { echo "test-binder: FAIL: copying the repository failed (no postBuild)" >&2; exit 1; }

export HOME="$scratch/home"
export MAVEN_OPTS="-Dmaven.repo.local=$real_m2 ${MAVEN_OPTS:-}"
export JUPYTER_PATH="$scratch/prefix/share/jupyter"
export JUPYTER_DATA_DIR="$HOME/.local/share/jupyter"
export JUPYTER_CONFIG_DIR="$HOME/.jupyter"
export JUPYTER_RUNTIME_DIR="$scratch/runtime"
export KERNEL_PREFIX="$scratch/prefix"
export PYTHON="$PY"
unset ND4J_CLASSIFIER CONDA_PREFIX NB_PYTHON_PREFIX

echo "test-binder: running postBuild in $scratch/repo (HOME and kernel prefix under $scratch)"
if ! (cd "$scratch/repo" && ./postBuild) >"$scratch/postBuild.log" 2>&1; then
  echo "test-binder: FAIL: postBuild failed; its last lines:" >&2
  tail -n 30 "$scratch/postBuild.log" >&2
  exit 1
fi
t1=$(date +%s)
echo "test-binder: postBuild OK ($((t1 - t0)) s)"

# The kernel Jupyter will use must be the one postBuild installed into the scratch prefix.
resolved="$("$PY" -c 'import sys
from jupyter_client.kernelspec import KernelSpecManager
print(KernelSpecManager().find_kernel_specs().get("java", ""))')"
if [[ "$resolved" != "$scratch/prefix/share/jupyter/kernels/java" ]]; then
  echo "test-binder: FAIL: kernelspec 'java' resolves to '${resolved:-nothing}'," \
       "expected $scratch/prefix/share/jupyter/kernels/java" >&2
  exit 1
fi
echo "test-binder: kernelspec 'java' found at $resolved"

if ! (cd "$scratch/repo" && "$PY" scripts/run_notebooks.py --kernel java -j 1 --no-stale-check \
        --out-dir "$scratch/executed" "$(basename "${first[0]}" .ipynb)"); then
  echo "test-binder: FAIL: notebook 00 did not run with the Binder-installed kernel" >&2
  exit 1
fi
echo "test-binder: PASS ($(( $(date +%s) - t0 )) s)"
