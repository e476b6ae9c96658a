#!/usr/bin/env bash
# Runs the kernel's protocol and behaviour tests. Exits non-zero if any test fails.
#
#   run_tests.sh [--install | --prefix DIR] [test_module ...]
#
#   --install   first install the kernel (scripts/install-kernel.sh --no-build) into a
#               temporary prefix and test that copy, leaving the user's kernelspecs alone;
#               without it the installed kernelspec RNN_COURSE_KERNEL_NAME (default: java)
#               is tested
#   --prefix DIR  test the kernelspec 'java' that `install-kernel.sh --prefix DIR` installed
#               earlier (`make test` installs before mvn verify rewrites the jars beside it)
#   test_module e.g. test_magics or test_execution.TimeoutTests; default: all
#
#   PYTHON      python with Debian's Jupyter packages (default: /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
"$python" -c 'import jupyter_client, jupyter_kernel_test, nbformat' 2>/dev/null || {
  echo "run_tests: $python lacks jupyter_client / jupyter_kernel_test / nbformat" \
       "(apt-get install python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert)" >&2
  exit 2
}
prefix=
if [[ "${1:-}" == "--install" ]]; then
  shift
  prefix="$(mktemp -d -t rnn-course-kernel-test.XXXXXX)"
  trap 'rm -rf "$prefix"' EXIT
  "$root/scripts/install-kernel.sh" --prefix "$prefix" --no-build --name java --python "$python"
elif [[ "${1:-}" == "--prefix" ]]; then
  prefix="$(cd "${2:?run_tests: --prefix needs a folder}" && pwd)"
  shift 2
  [[ -f "$prefix/share/jupyter/kernels/java/kernel.json" ]] || {
    echo "run_tests: no kernelspec 'java' in $prefix (scripts/install-kernel.sh --prefix $prefix --no-build)" >&2
    exit 2
  }
fi
if [[ -n "$prefix" ]]; then
  # Jupyter looks in JUPYTER_PATH before the user's and the system's kernelspecs.
  export JUPYTER_PATH="$prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
  export RNN_COURSE_KERNEL_NAME=java
fi
cd "$here"
export PYTHONDONTWRITEBYTECODE=1
status=0
if [[ $# -gt 0 ]]; then
  "$python" -m unittest -v "$@" || status=$?
else
  "$python" -m unittest discover -v -s "$here" -p 'test_*.py' || status=$?
fi
exit "$status"
