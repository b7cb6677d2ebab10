#!/usr/bin/env bash
# Start the action server (127.0.0.1 only) and the Rasa server; stop both on
# Ctrl-C. Called by `make run` after setup, translations, database and model.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
export RASA_TELEMETRY_ENABLED=false
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
export SQLALCHEMY_SILENCE_UBER_WARNING=1
# One log format, whether stderr is a terminal or not: Rasa renders its
# structured events as JSON (else, in a terminal, as console text that our
# filter cannot read, with patients' words in it) and nothing is coloured.
# bot/server/logs.py blanks message text in the JSON events.
export FORCE_JSON_LOGGING=1 NO_COLOR=1
# DEBUG logs every message's text: refused.
export LOG_LEVEL=${LOG_LEVEL:-INFO}
case "$LOG_LEVEL" in
  INFO|WARNING|ERROR|CRITICAL) ;;
  *) echo "serve.sh: LOG_LEVEL must be INFO, WARNING, ERROR or CRITICAL" \
          "(DEBUG would log patients' messages); got '$LOG_LEVEL'" >&2
     exit 2 ;;
esac
HOST=${HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
MODEL=${MODEL:-models/nelm.tar.gz}
# Endpoints (action server, tracker store, lock store) come from the
# environment (bot/server/endpoints.py) unless ENDPOINTS names a file.
if [ -z "${ENDPOINTS:-}" ]; then
  mkdir -p var
  ENDPOINTS=var/endpoints.yml
  "$BIN/python" -m bot endpoints "$ENDPOINTS"
fi
CREDENTIALS=${CREDENTIALS:-credentials.yml}
mkdir -p var

# ROLE: "all" (default: both servers), "rasa" (a Rasa replica using the
# action server at ACTIONS_URL) or "actions" (only the action server, on
# ACTIONS_HOST, 127.0.0.1 unless a separate machine must reach it).
ROLE=${ROLE:-all}
ACTIONS_HOST=${ACTIONS_HOST:-127.0.0.1}

# The action server is supervised: if it dies it is started again, and until
# then the REST channel answers "please try again" instead of silence.
supervise_actions() {
  local child
  trap 'kill "$child" 2>/dev/null; exit 0' TERM INT
  while true; do
    env -u RASA_TOKEN SANIC_HOST="$ACTIONS_HOST" \
      "$BIN/rasa" run actions --actions actions --port "$ACTIONS_PORT" &
    child=$!
    wait "$child" || true
    echo "serve.sh: action server stopped; starting it again" >&2
    sleep 1
  done
}

pids=()
if [ "$ROLE" = all ] || [ "$ROLE" = actions ]; then
  supervise_actions &
  pids+=($!)
fi

if [ "$ROLE" = all ] || [ "$ROLE" = rasa ]; then
  args=(run --model "$MODEL" --interface "$HOST" --port "$RASA_PORT"
        --credentials "$CREDENTIALS" --endpoints "$ENDPOINTS")
  # The HTTP API (conversation read/write, model upload) stays off unless a
  # token is configured, and then every call needs it. bot.server.run hands
  # RASA_TOKEN to `rasa run` inside the process: a token on the command line
  # would be visible to every user of the machine in `ps`.
  # Browsers on other sites may call the bot only from the listed origins.
  if [ -n "${CORS_ORIGINS:-}" ]; then
    read -r -a origins <<< "$CORS_ORIGINS"
    args+=(--cors "${origins[@]}")
  fi
  "$BIN/python" -m bot.server.run "${args[@]}" &
  pids+=($!)
  echo "NELM Guide: http://$HOST:$RASA_PORT/chat (Ctrl-C stops)"
fi

if [ ${#pids[@]} -eq 0 ]; then
  echo "serve.sh: ROLE must be all, rasa or actions (got '$ROLE')" >&2
  exit 2
fi
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT
wait -n "${pids[@]}"
