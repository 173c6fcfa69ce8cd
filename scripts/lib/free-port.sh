# Sourced by the benchmark scripts. free_port VAR sets VAR to a loopback port no socket uses, below Linux's ephemeral
# range (32768+) so no outgoing connection takes it meanwhile, and never one this script already chose.
TAKEN=" "
free_port() { # variable-name
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 12000 ))
    case "$TAKEN" in *" $p "*) continue ;; esac
    if command -v ss >/dev/null; then
      [ -z "$(ss -Htan "( sport = :$p )")" ] || continue
    elif (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      continue
    fi
    TAKEN="$TAKEN$p "; printf -v "$1" '%s' "$p"; return
  done
  echo "no free port found" >&2; exit 1
}
