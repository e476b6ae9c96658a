#!/usr/bin/env bash
# Runs the kernel's protocol and behaviour tests against the installed kernelspec
# (scripts/install-kernel.sh first). Exits non-zero if any test fails.
#   RNN_COURSE_KERNEL_NAME  kernelspec to test (default: java)
#   PYTHON                  python with Debian's Jupyter packages (default: /usr/bin/python3)
#   arguments               test modules to run instead of all, e.g. test_magics
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-/usr/bin/python3}"
"$python" -c 'import jupyter_client, jupyter_kernel_test, nbformat' 2>/dev/null || {
  echo "run_tests: $python lacks jupyter_client / jupyter_kernel_test / nbformat" \
       "(apt-get install python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert)" >&2
  exit 2
}
cd "$here"
export PYTHONDONTWRITEBYTECODE=1
if [[ $# -gt 0 ]]; then
  exec "$python" -m unittest -v "$@"
fi
exec "$python" -m unittest discover -v -s "$here" -p 'test_*.py'
