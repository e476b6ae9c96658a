#!/usr/bin/env bash
# make test-browser: the exercise flow of notebook 04 in a real JupyterLab 4 and Chromium
# (scripts/browser/exercise-flow.mjs): wrong answer -> red box, hint, solution -> green box, kernel
# restart -> progress table. Installs what it needs: Debian's chromium (apt), JupyterLab from pip's
# configured index into build/labvenv, playwright-core from npm into build/browser.
# Screenshots: build/browser/shots/. Last line: "browser: N passed, N failed".
#
#   scripts/test-browser.sh [--kernel NAME]     (the kernelspec to run under; default java)
set -euo pipefail
cd "$(dirname "$0")/.."
kernel=java
while (( $# )); do
  case "$1" in
    --kernel) kernel=$2; shift 2 ;;
    *) echo "test-browser: unknown option $1" >&2; exit 2 ;;
  esac
done
PY=/usr/bin/python3
out=build/browser
work=$out/work
mkdir -p "$out"

if ! command -v chromium >/dev/null; then
  if (( EUID == 0 )); then
    echo "test-browser: installing Debian's chromium"
    apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  else
    echo "test-browser: chromium is missing: sudo apt-get install chromium" >&2; exit 1
  fi
fi
if [[ ! -x build/labvenv/bin/jupyter-lab ]]; then
  echo "test-browser: JupyterLab 4 into build/labvenv"
  source scripts/pip-local.sh; pip_local_args
  $PY -m venv build/labvenv
  build/labvenv/bin/pip install -q "${PIP_LOCAL_ARGS[@]}" 'jupyterlab>=4,<5' 2>&1 | grep -v "is ignored: it is neither" || true
fi
# No "news" pop-up over the notebook in the screenshots.
mkdir -p build/labvenv/share/jupyter/lab/settings
echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
  > build/labvenv/share/jupyter/lab/settings/overrides.json
cp scripts/browser/package.json scripts/browser/*.mjs "$out/"
if [[ ! -d $out/node_modules/playwright-core ]]; then
  echo "test-browser: playwright-core from npm into $out"
  (cd "$out" && npm install --silent --no-audit --no-fund)
fi
if ! $PY -m jupyter kernelspec list 2>/dev/null | grep -qE "^\s+$kernel\s"; then
  echo "test-browser: no kernelspec '$kernel' (make kernel KERNEL_NAME=$kernel)" >&2; exit 1
fi

rm -rf "$work" "$out/shots"; mkdir -p "$work" "$out/shots"
nb=$(ls notebooks/04_*.ipynb)
$PY - "$nb" "$work/$(basename "$nb")" "$kernel" exercises/04.jsh "$work/wrong.jsh" <<'PYEOF'
import json, re, sys
src, dst, kernel, exercises, wrong = sys.argv[1:]
nb = json.load(open(src, encoding="utf-8"))
nb.setdefault("metadata", {}).setdefault("kernelspec", {})["name"] = kernel
json.dump(nb, open(dst, "w", encoding="utf-8"), ensure_ascii=False)
sections = re.split(r"^////[^\n]*\n", open(exercises, encoding="utf-8").read(), flags=re.M)
markers = re.findall(r"^////\s*(\S+)\s+(\w+)", open(exercises, encoding="utf-8").read(), flags=re.M)
first = next(i for i, (ex, kind) in enumerate(markers) if ex == "04-1" and kind == "wrong")
open(wrong, "w", encoding="utf-8").write(sections[first + 1])
PYEOF

port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$($PY -c 'import secrets; print(secrets.token_hex(16))')
root_flag=; (( EUID == 0 )) && root_flag=--allow-root
RNNCOURSE_PROGRESS=$PWD/$work/progress.json JUPYTER_CONFIG_DIR=$PWD/$out/jupyter-config \
  build/labvenv/bin/jupyter lab --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --ServerApp.token="$token" --LabApp.expose_app_in_browser=True --ServerApp.root_dir="$PWD/$work" \
  $root_flag >"$out/lab.log" 2>&1 &
lab_pid=$!
cleanup() { kill "$lab_pid" 2>/dev/null || true; wait "$lab_pid" 2>/dev/null || true; }
trap cleanup EXIT
source scripts/wait-http.sh
wait_http "test-browser: JupyterLab" "http://127.0.0.1:$port/api/status?token=$token" "$lab_pid" "$out/lab.log" 60 || exit 1
echo "test-browser: JupyterLab $(build/labvenv/bin/jupyter lab --version) on port $port, kernel '$kernel', notebook $(basename "$nb")"
status=0
(cd "$out" && node exercise-flow.mjs "http://127.0.0.1:$port" "$token" "$(basename "$nb")" "$PWD/shots" "$PWD/work/wrong.jsh") || status=$?
echo "test-browser: screenshots in $out/shots/ ($(ls "$out/shots" | wc -l) files)"
exit "$status"
