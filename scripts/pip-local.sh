# Sourced by scripts that make a venv under build/ (bench.sh, torch.sh). Sets the array
# PIP_LOCAL_ARGS to pip's configured local indexes (`pip config list`): its find-links, and its
# extra indexes with the first one as the index, skipping the default remote index, which may be
# unreachable. Empty where nothing is configured: pip then uses its defaults (PyPI).
pip_local_args() {
  PIP_LOCAL_ARGS=()
  local cfg fl idx urls u
  cfg=$(python3 -m pip config list 2>/dev/null || true)
  fl=$(sed -n "s/^global\.find-links='\(.*\)'$/\1/p" <<<"$cfg" | head -n1)
  idx=$(sed -n "s/^global\.extra-index-url='\(.*\)'$/\1/p" <<<"$cfg" | head -n1)
  [[ -n "$fl" ]] && PIP_LOCAL_ARGS+=(--find-links "$fl")
  if [[ -n "$idx" ]]; then
    read -r -a urls <<<"$idx"
    PIP_LOCAL_ARGS+=(--index-url "${urls[0]}")
    for u in "${urls[@]:1}"; do PIP_LOCAL_ARGS+=(--extra-index-url "$u"); done
  fi
  return 0
}
