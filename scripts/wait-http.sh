# Sourced by the scripts that start a server and must wait for it (test-browser.sh, test-hub.sh).
# wait_http NAME URL PID LOG SECONDS: polls URL every 0.5 s until it answers; returns 1 with the log's
# tail when the process PID dies first, 2 when SECONDS pass without an answer.
wait_http() {
  local name=$1 url=$2 pid=$3 log=$4 seconds=$5 i
  for (( i = 0; i < seconds * 2; i++ )); do
    curl -sf "$url" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$name did not start:"; tail -30 "$log"; return 1; }
    sleep 0.5
  done
  curl -sf "$url" >/dev/null && return 0
  echo "$name did not answer in $seconds s:"; tail -30 "$log"; return 2
}
