#!/usr/bin/env bash
# The course's JupyterHub for a class on one server (deploy/jupyterhub/jupyterhub_config.py).
#
#   scripts/hub.sh --install [--kernel NAME]   install what the hub needs (idempotent):
#       Debian's jupyterhub (brings configurable-http-proxy) and cgroup-tools (apt, as root);
#       build/hubvenv: JupyterLab 4 from pip's configured index, beside Debian's jupyterhub
#       (--system-site-packages), for the students' jupyterhub-singleuser; the Java kernelspec
#       NAME (default java) system-wide (/usr/local/share/jupyter/kernels), with the heap and
#       off-heap settings that fit the per-student memory limit (HEAP, OFFHEAP, MEM_LIMIT below).
#   scripts/hub.sh --run [--port N] [--kernel NAME]   install, then run the hub in the foreground
#       in trial mode (DummyAuthenticator: NOT for production) until Ctrl-C.
#
# Environment: RNNCOURSE_MEM_LIMIT (default 2G), RNNCOURSE_CPU_LIMIT (1), RNNCOURSE_IDLE_TIMEOUT
# (3600 s), RNNCOURSE_HUB_MODE (trial|class), RNNCOURSE_HUB_STATE (build/hub),
# RNN_COURSE_HEAP / RNN_COURSE_OFFHEAP (768m each: the settings the course's memory was measured with).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PY=/usr/bin/python3
venv=$root/build/hubvenv
action=
port=8000
kernel=java
while (( $# )); do
  case "$1" in
    --install) action=install; shift ;;
    --run) action=run; shift ;;
    --port) port=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "hub: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -n "$action" ]] || { echo "hub: say --install or --run (see --help)" >&2; exit 2; }
[[ "$port" =~ ^[0-9]+$ ]] && (( port > 0 && port < 65534 )) || { echo "hub: --port must be a port number, got '$port'" >&2; exit 2; }

apt_install() {  # apt_install PACKAGE... (as root; the hub itself needs root to run students' servers)
  if (( EUID != 0 )); then
    echo "hub: missing Debian packages: $*; as an administrator: apt-get install $*" >&2; exit 1
  fi
  echo "hub: apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$@" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
}

install() {
  local missing=()
  [[ -x /usr/bin/jupyterhub ]] || missing+=(jupyterhub)
  command -v configurable-http-proxy >/dev/null || missing+=(node-configurable-http-proxy)
  command -v cgexec >/dev/null || missing+=(cgroup-tools)
  (( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"
  if [[ ! -x $venv/bin/jupyter-lab || ! -x $venv/bin/jupyterhub-singleuser ]] \
     || ! "$venv/bin/python" -c 'import websocket' 2>/dev/null; then
    echo "hub: JupyterLab 4 (pip's configured index) into $venv, beside Debian's jupyterhub"
    # shellcheck source=pip-local.sh
    source scripts/pip-local.sh; pip_local_args
    rm -rf "$venv"
    $PY -m venv --system-site-packages "$venv"
    "$venv/bin/pip" install -q "${PIP_LOCAL_ARGS[@]}" 'jupyterlab>=4,<5' websocket-client 2>&1 \
      | grep -v "is ignored: it is neither" || true
    # Debian's jupyterhub-singleuser script runs /usr/bin/python3; the venv's must run its own.
    printf '#!%s\nfrom jupyterhub.singleuser import main\nimport sys\nsys.exit(main())\n' "$venv/bin/python" \
      > "$venv/bin/jupyterhub-singleuser"
    chmod +x "$venv/bin/jupyterhub-singleuser"
  fi
  mkdir -p "$venv/share/jupyter/lab/settings"
  echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
    > "$venv/share/jupyter/lab/settings/overrides.json"
  # The kernel for every user. Heap and off-heap as measured (README "Sizing"); JavaCPP's cap on
  # the whole kernel process stays under the per-student memory limit, less ~256 MB for the
  # student's JupyterLab server, so ND4J collects before the cgroup's OOM killer acts.
  local heap=${RNN_COURSE_HEAP:-768m} offheap=${RNN_COURSE_OFFHEAP:-768m}
  local limit_mb; limit_mb=$(mem_mb "${RNNCOURSE_MEM_LIMIT:-2G}")
  local cache=/var/cache/rnn-course/javacpp
  mkdir -p "$cache"; chmod 1777 "$cache"
  local spec=/usr/local/share/jupyter/kernels/$kernel
  if [[ ! -f $spec/kernel.json || -n "$(find lib/target kernel/target -maxdepth 1 -name '*.jar' -newer "$spec/kernel.json" 2>/dev/null)" ]] \
     || ! grep -q -- "maxphysicalbytes=$((limit_mb - 256))m" "$spec/kernel.json"; then
    scripts/install-kernel.sh --prefix /usr/local --name "$kernel" --no-build --heap "$heap" --offheap "$offheap" \
      --jvm-opt "-Dorg.bytedeco.javacpp.maxphysicalbytes=$((limit_mb - 256))m" \
      --jvm-opt "-Dorg.bytedeco.javacpp.cachedir=$cache"
    # ND4J's native libraries unpacked once, into the shared cache, for everybody.
    local log=$root/build/hub-nd4j-check.log
    java -Xmx512m "-Dorg.bytedeco.javacpp.cachedir=$cache" -cp "lib/target/lib/*" scripts/Nd4jCheck.java >"$log" 2>&1 \
      || { echo "hub: ND4J's native libraries did not load from $cache:"; tail -20 "$log"; exit 1; }
    chmod -R a+rX "$cache"
  fi
}

mem_mb() {  # 2G / 1536M / 2048m -> megabytes
  local v=${1^^}
  case "$v" in
    *G) echo $(( ${v%G} * 1024 )) ;;
    *M) echo "${v%M}" ;;
    *) echo "hub: RNNCOURSE_MEM_LIMIT must look like 2G or 1536M, got '$1'" >&2; exit 2 ;;
  esac
}

install
[[ "$action" == install ]] && exit 0

# ---- run: the trial hub in the foreground
for p in "$port" $((port + 1)) $((port + 2)); do
  if ! $PY -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$p" 2>/dev/null; then
    echo "error: port $p is in use (the hub needs $port for students, $((port + 1)) and $((port + 2)) for itself and its proxy)." >&2
    echo "Use another port: make hub PORT=$((port + 10))" >&2
    exit 1
  fi
done
export RNNCOURSE_ROOT=$root RNNCOURSE_HUB_PORT=$port RNNCOURSE_HUB_VENV=$venv
export RNNCOURSE_HUB_STATE=${RNNCOURSE_HUB_STATE:-$root/build/hub}
mode=${RNNCOURSE_HUB_MODE:-trial}
mkdir -p "$RNNCOURSE_HUB_STATE"
echo "hub: JupyterHub $(/usr/bin/jupyterhub --version) ($mode mode) on http://localhost:$port/ (Ctrl-C stops it and every student's server)"
if [[ "$mode" == trial ]]; then
  echo "hub: log in with any student name (e.g. student01) and the password '${RNNCOURSE_TRIAL_PASSWORD:-rnn-course}';"
  echo "hub: 'teacher' is the admin (http://localhost:$port/hub/admin). Trial only: the DummyAuthenticator is NOT for production."
fi
echo "hub: each student's copy of the course: $RNNCOURSE_HUB_STATE/home/NAME/rnn-course; limits ${RNNCOURSE_MEM_LIMIT:-2G}, ${RNNCOURSE_CPU_LIMIT:-1} CPU; idle servers stop after ${RNNCOURSE_IDLE_TIMEOUT:-3600} s"
cd "$RNNCOURSE_HUB_STATE"
exec /usr/bin/jupyterhub -f "$root/deploy/jupyterhub/jupyterhub_config.py"
