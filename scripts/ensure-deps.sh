#!/usr/bin/env bash
# Checks that everything the course needs to build and run is present, and installs what is
# missing from Debian/Ubuntu packages (apt-get). Safe to run repeatedly: when everything is
# already there it only runs a few quick checks and exits.
#
#   scripts/ensure-deps.sh            check, install what is missing (as root or via sudo)
#   scripts/ensure-deps.sh --check    check only; exit 1 and name the missing packages
#
# Jupyter is used from the distribution's Python (/usr/bin/python3), never from a pyenv/venv
# python that may come first on PATH: that is where the Debian packages install it.
set -euo pipefail

PY=/usr/bin/python3
CHECK_ONLY=0
[[ "${1:-}" == "--check" ]] && CHECK_ONLY=1

missing=()      # Debian packages to install
notes=()        # human-readable reasons, printed with the package list

need() {        # need <debian-package> <why>
  local pkg=$1; shift
  local p; for p in "${missing[@]:-}"; do [[ "$p" == "$pkg" ]] && return 0; done
  missing+=("$pkg"); notes+=("$pkg: $*")
}

# The JDK: scripts/jdk.sh chooses it ($JAVA_HOME, else `java` on PATH) and says what is wrong.
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"

check_all() {
  missing=(); notes=()
  # --- a JDK 17, 21 or 25: java, javac and the jdk.jshell module (the kernel runs on JShell) ---
  local problem jhome major
  jdk_choose
  problem=$(jdk_problem "$JDK_JAVA")
  if [[ -n "$problem" ]]; then
    need "$(jdk_fix_package "$JDK_JAVA")" "$problem"
  else
    jhome=$(jdk_home "$JDK_JAVA")
    major=$(jdk_major "$JDK_JAVA")
    # JDK sources give the kernel Javadoc for java.* classes (shift-tab help); nice to have.
    # Debian's OpenJDK packages keep them apart; other JDKs (Temurin) ship src.zip.
    if [[ ! -f "$jhome/lib/src.zip" && "$jhome" == /usr/lib/jvm/java-$major-openjdk* ]]; then
      need "openjdk-$major-source" "JDK sources ($jhome/lib/src.zip) for Javadoc in the kernel"
    fi
  fi
  # --- Maven ---
  command -v mvn >/dev/null || need maven "mvn builds lib/ and kernel/"
  command -v make >/dev/null || need make "make runs the course's commands (make lab, make test)"
  command -v git >/dev/null || need git "git (scripts/test-binder.sh copies the checkout with it)"
  # --- Jupyter on the system python ---
  if [[ ! -x "$PY" ]]; then
    need python3 "$PY is where Debian installs Jupyter"
  fi
  local mod pkg
  while read -r mod pkg; do
    [[ -z "$mod" ]] && continue
    if [[ ! -x "$PY" ]] || ! "$PY" -c "import $mod" >/dev/null 2>&1; then
      need "$pkg" "python module '$mod' is not importable by $PY"
    fi
  done <<'EOF'
nbformat python3-nbformat
nbclient python3-nbclient
jupyter_client jupyter-client
jupyter_kernel_test python3-jupyter-kernel-test
notebook jupyter-notebook
nbconvert jupyter-nbconvert
ipykernel python3-ipykernel
EOF
  [[ -x /usr/bin/jupyter-kernelspec ]] || need jupyter-client "the 'jupyter kernelspec' command"
  [[ -x /usr/bin/jupyter-nbconvert ]] || need jupyter-nbconvert "the 'jupyter nbconvert' command (make html)"
  # --- A Korean font, or Hangul in XChart plots renders as empty boxes ---
  if ! dpkg-query -W -f='${Status}' fonts-nanum 2>/dev/null | grep -q 'install ok installed'; then
    if ! { command -v fc-list >/dev/null && fc-list :lang=ko 2>/dev/null | grep -q .; }; then
      need fonts-nanum "a Hangul font for Korean text in charts"
    fi
  fi
}

check_all
if (( ${#missing[@]} == 0 )); then
  echo "ensure-deps: all dependencies present (java $(jdk_major "$JDK_JAVA") at $JDK_JAVA from $JDK_CHOSEN_BY, $(mvn -v 2>/dev/null | head -n1 | sed -E 's/\x1b\[[0-9;]*m//g'), $($PY -c 'import notebook,nbclient;print("notebook",notebook.__version__,"nbclient",nbclient.__version__)'))"
  exit 0
fi

echo "ensure-deps: missing:"
printf '  - %s\n' "${notes[@]}"

if (( CHECK_ONLY )); then
  echo "Install them with:  sudo apt-get install ${missing[*]}"
  exit 1
fi

if ! command -v apt-get >/dev/null; then
  echo "ensure-deps: no apt-get on this system. Install the equivalent of these Debian packages" >&2
  echo "  ${missing[*]}" >&2
  echo "(a JDK 17, 21 or 25, Maven, Jupyter notebook + nbclient + nbconvert + jupyter_kernel_test, a Korean font), or use Binder." >&2
  exit 1
fi

SUDO=()
if (( EUID != 0 )); then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  elif command -v sudo >/dev/null && [[ -t 0 ]]; then
    SUDO=(sudo)
  else
    echo "ensure-deps: not root and no usable sudo. As an administrator, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

echo "ensure-deps: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

check_all
if (( ${#missing[@]} > 0 )); then
  echo "ensure-deps: still missing after installing:" >&2
  printf '  - %s\n' "${notes[@]}" >&2
  if printf '%s\n' "${notes[@]}" | grep -q -- '-jdk-headless:'; then
    echo "A JDK is installed but not the one chosen: set JAVA_HOME to it (e.g. JAVA_HOME=/usr/lib/jvm/<jdk>)," >&2
    echo "or make it the default: sudo update-alternatives --config java; sudo update-alternatives --config javac" >&2
  fi
  exit 1
fi
echo "ensure-deps: done"
