# NELM Guide image: one image, two roles (ROLE=rasa or ROLE=actions), see
# README "Scaling out". Build: docker build -t nelm-guide .
# The model is trained at build time, so every replica serves the same one.

# marked and DOMPurify for the web pages, exactly as package-lock.json says.
FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY bot/server/web/package.json bot/server/web/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.10-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    RASA_TELEMETRY_ENABLED=false \
    PYTHONWARNINGS=ignore::DeprecationWarning \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    TF_CPP_MIN_LOG_LEVEL=3
RUN useradd --create-home --uid 10001 nelm
WORKDIR /app
COPY pyproject.toml README.md constraints.txt ./
COPY bot bot
COPY actions actions
# Exactly the versions in constraints.txt (as `make setup`), also for the
# packages that build the project (PIP_CONSTRAINT).
RUN python -m venv .venv \
 && export PIP_CONSTRAINT=/app/constraints.txt \
 && .venv/bin/pip install --upgrade -c constraints.txt "pip>=23,<25" \
 && .venv/bin/pip install -c constraints.txt .
COPY --from=web /web/node_modules bot/server/web/node_modules
COPY . .
RUN .venv/bin/pybabel compile --domain messages --directory translations \
 && .venv/bin/rasa train --fixed-model-name nelm --out models \
 && mkdir -p var && chown -R nelm:nelm var
USER nelm
ENV PYTHONPATH=/app HOST=0.0.0.0 ROLE=rasa
EXPOSE 5005 5055
CMD ["scripts/serve.sh"]
