#!/usr/bin/env bash
# PyTorch side of rnncourse.io (issue 16), in a venv under build/ with the local PyTorch CPU wheel
# and safetensors (pip finds them through its configured local index; `pip config list`).
#
#   scripts/torch.sh venv        make build/torchvenv (torch, safetensors, numpy) if it is missing
#   scripts/torch.sh available   exit 0 if build/torchvenv already imports torch and safetensors
#   scripts/torch.sh fixtures    rewrite lib/src/test/resources/torch/ (scripts/torch_fixtures.py)
#   scripts/torch.sh roundtrip   Java writes state dicts (JavaToPyTorchFilesTest), PyTorch loads them
#                                and reproduces the Java outputs (scripts/torch_roundtrip.py)
#   scripts/torch.sh mnist       retrain data/pytorch/lstm_mnist.pt for notebook 14
#
# Environment: TORCH_PYTHON=/path/to/python (one that has torch and safetensors) skips the venv;
# ND4J_CLASSIFIER as for make.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=build/torchvenv
PYTHON=${TORCH_PYTHON:-$VENV/bin/python}
log() { echo "torch.sh: $*" >&2; }

available() {
  [[ -x "$PYTHON" ]] && "$PYTHON" -c 'import torch, safetensors, numpy' 2>/dev/null
}

make_venv() {
  available && return 0
  if [[ -n "${TORCH_PYTHON:-}" ]]; then log "TORCH_PYTHON=$TORCH_PYTHON cannot import torch, safetensors and numpy"; return 1; fi
  source scripts/pip-local.sh; pip_local_args; local pipargs=("${PIP_LOCAL_ARGS[@]}")
  [[ -x $VENV/bin/python ]] || { log "creating $VENV"; python3 -m venv "$VENV"; }
  log "installing torch, safetensors and numpy into $VENV (${pipargs[*]:-pip defaults})"
  if ! timeout 900 "$VENV/bin/pip" install -q --disable-pip-version-check "${pipargs[@]}" torch safetensors numpy >&2; then
    log "pip could not install torch/safetensors: no PyTorch here"; return 1
  fi
  available
}

classifier() { echo "${ND4J_CLASSIFIER:-$(scripts/nd4j-classifier.sh 2>/dev/null || echo linux-x86_64)}"; }

case "${1:-}" in
  venv) make_venv ;;
  available) available ;;
  fixtures)
    make_venv
    "$PYTHON" -W ignore scripts/torch_fixtures.py lib/src/test/resources/torch ;;
  roundtrip)
    make_venv
    dir=$PWD/build/torch-roundtrip
    rm -rf "$dir"
    log "Java writes the state dicts (JavaToPyTorchFilesTest) into $dir"
    mvn -B -ntp -q -pl lib test -Dtest=JavaToPyTorchFilesTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dnd4j.classifier="$(classifier)" -Drnncourse.roundtrip.dir="$dir" >&2
    log "PyTorch loads them ($PYTHON)"
    "$PYTHON" -W ignore scripts/torch_roundtrip.py "$dir" ;;
  mnist)
    make_venv
    "$PYTHON" -W ignore scripts/train_lstm_mnist_torch.py ;;
  *) echo "usage: $0 venv|available|fixtures|roundtrip|mnist" >&2; exit 2 ;;
esac
