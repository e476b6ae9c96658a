# Steps of `make test` and `make test-all`: each one's status, wall time and CPU time, and a table
# of them at the end. Sourced by the Makefile's recipes (bash):
#
#   source scripts/test-steps.sh
#   step NAME CMD...      runs CMD now, its output on the terminal
#   step_bg NAME CMD...   starts CMD in the background (its output in build/test-steps/NAME.log), for
#                         steps that leave a core idle while they wait (kernels starting, cells stopping)
#   steps_wait            waits for the background steps and prints their logs, one after another
#   steps_report TITLE    the table (and the load average at the start and now); status 1 if a step failed
#
# A step that fails does not stop the others: every step runs and the table says which failed.
# CPU time is the user + system time of the step's processes that were waited for (bash `times`
# in the step's own subshell), so it adds up what the step cost even when it ran beside another.

STEPS_DIR=${STEPS_DIR:-build/test-steps}
STEPS_T0=$EPOCHREALTIME
STEPS_LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
STEPS_NAMES=()
STEPS_PIDS=()
rm -rf "$STEPS_DIR"
mkdir -p "$STEPS_DIR"

# The file name of a step: its name with everything but letters, digits, '-' and '.' made '_'.
_step_file() { local f=${1//[^A-Za-z0-9.-]/_}; echo "$STEPS_DIR/$f"; }

# Runs "$@" in a subshell that writes "status wall-seconds cpu-seconds" to $1.result afterwards.
_step_run() {
  local file=$1; shift
  (
    set +e
    t0=$EPOCHREALTIME
    "$@"
    status=$?
    t1=$EPOCHREALTIME
    # `times` prints this shell's user/system times, then its children's: "0m1.5s 0m0.2s". Not in
    # a pipe or $(...): there it would run in a new subshell, whose children are none.
    times >"$file.times"
    cpu=$(tail -n 1 "$file.times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] } printf "%.1f", s }')
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    echo "$status $wall $cpu" >"$file.result"
    exit "$status"
  )
}

step() {
  local name=$1; shift
  STEPS_NAMES+=("$name")
  echo "== $name"
  _step_run "$(_step_file "$name")" "$@" || true
  local status wall cpu
  read -r status wall cpu <"$(_step_file "$name").result"
  echo "== $name: $([[ $status == 0 ]] && echo PASS || echo "FAIL (exit $status)") ($wall s)"
}

step_bg() {
  local name=$1; shift
  local file
  file=$(_step_file "$name")
  STEPS_NAMES+=("$name")
  echo "== $name: started in the background (log: $file.log)"
  _step_run "$file" "$@" >"$file.log" 2>&1 &
  STEPS_PIDS+=("$!")
}

steps_wait() {
  local pid name file status wall cpu
  for pid in "${STEPS_PIDS[@]}"; do wait "$pid" || true; done
  STEPS_PIDS=()
  for name in "${STEPS_NAMES[@]}"; do
    file=$(_step_file "$name")
    [[ -f "$file.log" && ! -f "$file.shown" ]] || continue
    touch "$file.shown"
    read -r status wall cpu <"$file.result"
    echo "-- $name ($file.log):"
    cat "$file.log"
    echo "== $name: $([[ $status == 0 ]] && echo PASS || echo "FAIL (exit $status)") ($wall s)"
  done
}

steps_report() {
  local title=$1 name status wall cpu failed=() total_cpu=0
  steps_wait
  local total_wall
  total_wall=$(awk -v a="$STEPS_T0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
  echo
  echo "== $title: steps (load average at the start $STEPS_LOAD0, now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); $(nproc) cores)"
  printf '  %-52s %-6s %8s %8s\n' step result "wall s" "CPU s"
  for name in "${STEPS_NAMES[@]}"; do
    read -r status wall cpu <"$(_step_file "$name").result"
    printf '  %-52s %-6s %8s %8s\n' "$name" "$([[ $status == 0 ]] && echo PASS || echo FAIL)" "$wall" "$cpu"
    [[ $status == 0 ]] || failed+=("$name")
    total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { printf "%.1f", a + b }')
  done
  printf '  %-52s %-6s %8s %8s\n' "$title, all steps (background ones overlap)" "" "$total_wall" "$total_cpu"
  if (( ${#failed[@]} )); then
    printf '== %s FAILED: %s\n' "$title" "$(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')"
    return 1
  fi
  echo "== $title: all passed ($total_wall s)"
}
