#!/usr/bin/env bash
# Runs the kernel's Jupyter-level tests and notebooks 00, 04 and 13 again on a second JDK, with
# the jars built once (--release 17), so CI shows that the same checkout works on both.
# `make test-all` runs its kernel part beside the notebooks; `make test-jdk` runs it alone.
#
#   SECOND_JDK    a JDK home or its bin/java to test (default: the newest JDK 21 or newer under
#                 /usr/lib/jvm other than the default JDK; none: prints that it skipped)
#   KERNEL_NAME   base kernelspec name (default java); the second JDK's is <name>-jdk<version>,
#                 installed into a temporary prefix, so the user's kernelspecs stay as they were
#   NOTEBOOKS     which notebooks to run (default "00 04 13")
#   KERNEL_TESTS  which kernel test modules to run (default: all, as run_tests.sh runs them)
#   PART          kernel (only the kernel tests), notebooks (only the notebooks) or all (default);
#                 `make test-all` runs the kernel part (its make test-portable runs every notebook there)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/jdk.sh
py=/usr/bin/python3

jdk_second || { echo "test-jdk: $JDK_SECOND_WHY" >&2; exit 1; }
if [[ -z "$JDK_SECOND" ]]; then
  echo "test-jdk: SKIPPED: $JDK_SECOND_WHY"
  exit 0
fi
java="$JDK_SECOND"
major="$(jdk_major "$java")"
name="${KERNEL_NAME:-java}-jdk$major"
echo "test-jdk: JDK $major at $(jdk_home "$java"): $([[ ${PART:-all} != notebooks ]] && echo "kernel tests ")$([[ ${PART:-all} != kernel ]] && echo "notebooks ${NOTEBOOKS:-00 04 13}")"

prefix="$(mktemp -d -t rnn-course-jdk.XXXXXX)"
trap 'rm -rf "$prefix"' EXIT
scripts/install-kernel.sh --prefix "$prefix" --no-build --name "$name" --java "$java" --python "$py"
export JUPYTER_PATH="$prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

part="${PART:-all}"
case "$part" in kernel|notebooks|all) ;; *) echo "test-jdk: PART=$part: expected kernel, notebooks or all" >&2; exit 2 ;; esac
failed=()
if [[ "$part" != notebooks ]]; then
  t0=$(date +%s)
  # shellcheck disable=SC2086  # the list is meant to split
  RNN_COURSE_KERNEL_NAME="$name" kernel/src/test/python/run_tests.sh ${KERNEL_TESTS:-} || failed+=("kernel tests on JDK $major")
  echo "test-jdk: kernel tests on JDK $major took $(( $(date +%s) - t0 )) s"
fi
if [[ "$part" != kernel ]]; then
  t1=$(date +%s)
  # shellcheck disable=SC2086  # the list is meant to split
  "$py" scripts/run_notebooks.py --kernel "$name" -j "${JOBS:-2}" --timeout "${TIMEOUT:-300}" \
    --out-dir "build/notebooks-jdk$major" ${NOTEBOOKS:-00 04 13} || failed+=("notebooks on JDK $major")
  echo "test-jdk: notebooks on JDK $major took $(( $(date +%s) - t1 )) s"
fi
if (( ${#failed[@]} )); then
  printf 'test-jdk: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "test-jdk: JDK $major ($part): all passed"
