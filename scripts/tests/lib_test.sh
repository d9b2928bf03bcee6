#!/usr/bin/env bash
# Tests of scripts/lib.sh's process handling, printed as cargo prints its results (so the test
# command counts them).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

passed=0
failed=0
check() {
  local name="$1"; shift
  if "$@"; then
    echo "test $name ... ok"; passed=$((passed + 1))
  else
    echo "test $name ... FAILED"; failed=$((failed + 1))
  fi
}

alive() { kill -0 "$1" 2>/dev/null; }

# A command that leaves a process behind (as a test runner leaves a browser), while another
# process that the command did not start (a person's own browser) runs beside it.
leftover_is_stopped_and_nothing_else() {
  local mine left result=0
  sleep 300 &
  mine=$!
  left="$(mktemp)"
  run_in_own_session bash -c 'sleep 301 & echo $! >"$0"' "$left"
  # Bounded wait for the kill to land.
  for _ in $(seq 50); do alive "$(cat "$left")" || break; sleep 0.1; done
  alive "$(cat "$left")" && { echo "  the leftover process still runs"; result=1; }
  alive "$mine" || { echo "  a process the command did not start was stopped"; result=1; }
  kill "$mine" 2>/dev/null
  rm -f "$left"
  return "$result"
}

exit_status_is_the_commands() {
  run_in_own_session bash -c 'exit 3'
  [ $? -eq 3 ] && run_in_own_session true
}

check leftover_is_stopped_and_nothing_else leftover_is_stopped_and_nothing_else
check exit_status_is_the_commands exit_status_is_the_commands
echo "test result: $([ "$failed" -eq 0 ] && echo ok || echo FAILED). $passed passed; $failed failed"
[ "$failed" -eq 0 ]
