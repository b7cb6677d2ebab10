#!/usr/bin/env bash
# Start the action server (127.0.0.1 only) and the Rasa server; stop both on
# Ctrl-C. Called by `make run` after setup, translations, database and model.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
export RASA_TELEMETRY_ENABLED=false
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
export SQLALCHEMY_SILENCE_UBER_WARNING=1
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
    SANIC_HOST=$ACTIONS_HOST "$BIN/rasa" run actions --actions actions --port "$ACTIONS_PORT" &
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
  # token is configured, and then every call needs it.
  if [ -n "${RASA_TOKEN:-}" ]; then
    args+=(--enable-api --auth-token "$RASA_TOKEN")
  fi
  # Browsers on other sites may call the bot only from the listed origins.
  if [ -n "${CORS_ORIGINS:-}" ]; then
    read -r -a origins <<< "$CORS_ORIGINS"
    args+=(--cors "${origins[@]}")
  fi
  "$BIN/rasa" "${args[@]}" &
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
