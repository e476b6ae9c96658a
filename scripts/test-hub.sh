#!/usr/bin/env bash
# make test-hub: a class on the course's JupyterHub (deploy/jupyterhub/), in trial mode.
# Starts the hub on free ports with a fresh state folder, then either
#   (default)  scripts/hub_load.py: STUDENTS log in at once, each runs notebook 04 and submits
#              exercise 04-1 through the hub's HTTP and WebSocket APIs; figures per student;
#   --browser  scripts/browser/hub.mjs: two students log in in Chromium and each runs a cell.
# Then stops the hub (which stops every student's server and its proxy), and fails if any
# process it started is still there (and ends it), or a cgroup it made is left.
#
#   scripts/test-hub.sh [--students N] [--kernel NAME] [--browser] [--answer wrong]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PY=/usr/bin/python3
students=8
kernel=java
browser=0
answer=solution
while (( $# )); do
  case "$1" in
    --students) students=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --browser) browser=1; shift ;;
    --answer) answer=$2; shift 2 ;;
    *) echo "test-hub: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$students" =~ ^[1-9][0-9]*$ ]] || { echo "test-hub: STUDENTS must be a positive number, got '$students'" >&2; exit 2; }
(( EUID == 0 )) || { echo "test-hub: needs root (the hub starts each student's server and its cgroup)" >&2; exit 1; }

scripts/hub.sh --install --kernel "$kernel"

state=$root/build/hub-test
rm -rf "$state"; mkdir -p "$state"
# Three consecutive free ports: students' port, the hub's API, the proxy's API.
port=$($PY - <<'PY'
import socket
for base in range(18100, 19000, 10):
    try:
        socks = []
        for p in (base, base + 1, base + 2):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
PY
)
token=$($PY -c 'import secrets; print(secrets.token_hex(24))')
export RNNCOURSE_ROOT=$root RNNCOURSE_HUB_STATE=$state RNNCOURSE_HUB_PORT=$port RNNCOURSE_HUB_MODE=trial
export RNNCOURSE_HUB_VENV=$root/build/hubvenv RNNCOURSE_HUB_API_TOKEN=$token
# Every process of this run carries this mark in its environment (the hub passes it on to the
# students' servers, which pass it to their kernels), so that leftovers can be found.
# (Only the hub gets it: jupyterhub_config.py hands it to the students' servers.)
mark="RNNCOURSE_HUB_TEST_RUN=$$-$port"
(cd "$state" && exec env "$mark" setsid /usr/bin/jupyterhub -f "$root/deploy/jupyterhub/jupyterhub_config.py" \
   >"$state/hub.log" 2>&1) &
hub_pid=$!

ours() {  # pids of processes that carry this run's mark
  $PY - "$mark" <<'PY'
import os, sys
mark = sys.argv[1].encode()
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            if mark in f.read().split(b"\0"):
                print(pid)
    except OSError:
        pass
PY
}
cleanup() {
  local status=$?
  if kill -0 "$hub_pid" 2>/dev/null; then
    kill -TERM "$hub_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  wait "$hub_pid" 2>/dev/null || true
  sleep 1
  local left; left=$(ours)
  if [[ -n "$left" ]]; then
    echo "test-hub: FAIL: processes left behind after the hub stopped:"
    for p in $left; do ps -o pid=,args= -p "$p" | cut -c1-160 | sed 's/^/  /'; done
    for p in $left; do kill -KILL "$p" 2>/dev/null || true; done
    status=1
  fi
  # The hub removes each student's cgroup when their server stops (jupyterhub_config.py).
  local groups=()
  for g in /sys/fs/cgroup/rnncourse/student* /sys/fs/cgroup/{memory,cpu}/rnncourse/student*; do [[ -d $g ]] && groups+=("$g"); done
  if (( ${#groups[@]} )); then
    echo "test-hub: FAIL: cgroups left behind after the hub stopped: ${groups[*]}"
    for g in "${groups[@]}"; do rmdir "$g" 2>/dev/null || true; done
    status=1
  fi
  rmdir /sys/fs/cgroup/rnncourse /sys/fs/cgroup/{memory,cpu}/rnncourse 2>/dev/null || true  # only if empty
  [[ -z "$left" && ${#groups[@]} -eq 0 ]] && echo "test-hub: the hub, its proxy and every student's server and kernel stopped; no process or cgroup left behind"
  exit "$status"
}
trap cleanup EXIT

source scripts/wait-http.sh
wait_http "test-hub: the hub" "http://127.0.0.1:$port/hub/api" "$hub_pid" "$state/hub.log" 120 || exit 1
echo "test-hub: JupyterHub $(/usr/bin/jupyterhub --version) on port $port; JupyterLab $("$RNNCOURSE_HUB_VENV/bin/jupyter-lab" --version); kernel '$kernel'; load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

status=0
if (( browser )); then
  command -v chromium >/dev/null || { echo "test-hub: installing Debian's chromium"; apt-get install -y -q chromium >/dev/null; }
  mkdir -p build/browser
  cp scripts/browser/package.json scripts/browser/*.mjs build/browser/
  [[ -d build/browser/node_modules/playwright-core ]] || (cd build/browser && npm install --silent --no-audit --no-fund)
  mkdir -p build/browser/hub-shots; rm -f build/browser/hub-shots/*
  (cd build/browser && node hub.mjs "http://127.0.0.1:$port" rnn-course "$kernel" "$PWD/hub-shots") || status=$?
else
  nb=$(ls notebooks/04_*.ipynb)
  "$RNNCOURSE_HUB_VENV/bin/python" scripts/hub_load.py --hub "http://127.0.0.1:$port" --token "$token" \
    --students "$students" --kernel "$kernel" --notebook "$nb" --exercises exercises/04.jsh \
    --homes "$state/home" --answer "$answer" || status=$?
fi
echo "test-hub: load after the run $(cut -d' ' -f1-3 /proc/loadavg); hub log: $state/hub.log"
exit "$status"
