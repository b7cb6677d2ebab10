# NELM Guide: the one entry point. `make run` and `make test` do everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY310 ?= $(shell command -v python3.10 2>/dev/null || echo python3.10)
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMPS := .stamps

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# Rasa 3.6 and its dependencies print many DeprecationWarnings we cannot act on.
export PYTHONWARNINGS := ignore::DeprecationWarning
export PYTHONPATH := $(CURDIR)

MODEL := models/nelm.tar.gz
WEB := bot/server/web
# Debian's Chromium drives the browser tests (Playwright never downloads one).
export CHROMIUM ?= /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji
SCALE_PACKAGES := postgresql redis-server nginx
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
POT := translations/messages.pot
PO := translations/zh/LC_MESSAGES/messages.po
MO := translations/zh/LC_MESSAGES/messages.mo
TRAIN_INPUTS = config.yml domain.yml bot/server/tokenizer.py bot/server/sections.py $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null | sort)

.PHONY: help setup lock run test test-fast test-model lint validate train db nlu i18n-extract i18n-update actions shell eval content-check report purge cv stress bench \
        safety-check safety-cross-check i18n-compile test-unit test-core web browser scale-deps test-scale clean FORCE

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

setup: $(STAMPS)/venv ## create .venv with Python 3.10 and the pinned dependencies

# Exactly the versions in constraints.txt (Rasa's whole tree included), also
# for the packages that build the project (PIP_CONSTRAINT reaches pip's
# isolated build environment).
CONSTRAINTS := $(CURDIR)/constraints.txt
$(STAMPS)/venv: pyproject.toml constraints.txt
	@test -x $(PYTHON) || $(PY310) -m venv $(VENV)
	PIP_CONSTRAINT=$(CONSTRAINTS) $(PYTHON) -m pip install --quiet --upgrade -c $(CONSTRAINTS) "pip>=23,<25"
	PIP_CONSTRAINT=$(CONSTRAINTS) $(PYTHON) -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	@mkdir -p $(STAMPS) && touch $@

# After changing pyproject.toml's dependencies: install them without the old
# pins (`.venv/bin/pip install -e ".[dev]"`), test, then record the result.
lock: ## write constraints.txt from what .venv holds (exact versions)
	@{ sed -n '/^#/p;/^#/!q' constraints.txt; \
	  $(PYTHON) -m pip freeze --all --exclude-editable | grep -v '^#' | grep -iv '^nelm-guide=='; \
	} > constraints.txt.new && mv constraints.txt.new constraints.txt

# marked and DOMPurify for the web pages, from npm at build time (served by
# the bot, no CDN). `npm ci` installs exactly what package-lock.json records.
$(STAMPS)/web: $(WEB)/package.json $(WEB)/package-lock.json
	npm ci --prefix $(WEB) --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

web: $(STAMPS)/web ## install the web pages' JavaScript libraries from npm

browser: ## install Debian's Chromium and CJK/emoji fonts for the browser tests
	@test -x $(CHROMIUM) && fc-list | grep -q "Noto Sans CJK" || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_PACKAGES); }

scale-deps: ## install Debian's PostgreSQL, Redis and nginx for the scale tests
	@{ ls /usr/lib/postgresql/*/bin/initdb && command -v redis-server && command -v nginx; } \
	  >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SCALE_PACKAGES); }

# The question -> section examples, generated from data/knowledge (committed).
NLU_KNOWLEDGE := data/nlu/knowledge.yml
$(NLU_KNOWLEDGE): $(wildcard data/knowledge/*.yml) bot/tools/nlu_data.py | $(STAMPS)/venv
	$(PYTHON) -m bot nlu

nlu: $(NLU_KNOWLEDGE) ## regenerate data/nlu/knowledge.yml from the sections' questions

# Retrain only when the training data, domain or config really changed
# (content hash, not timestamps: a fresh clone does not retrain twice).
$(STAMPS)/train-inputs: FORCE $(NLU_KNOWLEDGE)
	@mkdir -p $(STAMPS)
	@sha256sum $(TRAIN_INPUTS) > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

$(MODEL): $(STAMPS)/train-inputs | $(STAMPS)/venv
	$(BIN)/rasa train --fixed-model-name nelm --out models

train: $(MODEL) ## train the model if data, domain or config changed

$(MO): $(PO) | $(STAMPS)/venv
	$(BIN)/pybabel compile --domain messages --directory translations --statistics

i18n-compile: $(MO) ## compile the Chinese catalog (.po -> .mo)

i18n-extract: setup ## extract English msgids from content YAML and Python into the .pot
	$(BIN)/pybabel extract --mapping-file babel.cfg --sort-by-file \
	  --add-comments=TRANSLATORS: --project=nelm-guide --version=0.1.0 \
	  --msgid-bugs-address="" --copyright-holder="NELM Guide" \
	  --output-file $(POT) .

i18n-update: i18n-extract ## merge new msgids into translations/zh (then translate them)
	$(BIN)/pybabel update --input-file $(POT) --output-dir translations \
	  --domain messages --no-fuzzy-matching --ignore-obsolete

db: setup ## apply the record tables' migrations (feedback, answers, kept questions)
	@mkdir -p var
	$(PYTHON) -m bot migrate

run: setup web $(MO) db $(MODEL) ## set up, build, train if needed, and serve the bot
	scripts/serve.sh

actions: setup $(MO) db ## only the action server (for `rasa shell` in another terminal)
	SANIC_HOST=127.0.0.1 $(BIN)/rasa run actions --actions actions --port 5055

shell: setup $(MO) db $(MODEL) ## talk to the bot in the terminal (rasa shell + actions)
	@SANIC_HOST=127.0.0.1 $(BIN)/rasa run actions --actions actions --port 5055 \
	  > var/actions.log 2>&1 & pid=$$!; trap "kill $$pid" EXIT; \
	  $(BIN)/rasa shell --model $(MODEL) --port 5006

lint: setup ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: setup ## rasa data validate
	$(BIN)/rasa data validate --fail-on-warnings

# The scale test runs its short form here (8 conversations; make test-scale: 20).
test-unit: setup web browser scale-deps $(MO) $(MODEL) ## pytest: library, channels, browser, end-to-end, scale
	SCALE_CONVERSATIONS=$${SCALE_CONVERSATIONS:-8} $(BIN)/pytest

# The same tests in two parts: those that need no trained model (marker
# `model`, tests/conftest.py), and those that start the bot.
test-fast: setup web $(MO) ## pytest without the tests that need the trained model
	$(BIN)/pytest -m "not model"

test-model: setup web browser scale-deps $(MO) $(MODEL) ## pytest: the tests that start the bot
	SCALE_CONVERSATIONS=$${SCALE_CONVERSATIONS:-8} $(BIN)/pytest -m model

report: setup db ## usage report for a date range: FROM=YYYY-MM-DD TO=YYYY-MM-DD
	$(PYTHON) -m bot report $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))

purge: setup db ## delete records and conversations older than the retention (OLDER_THAN=30d)
	$(PYTHON) -m bot purge $(if $(OLDER_THAN),--older-than $(OLDER_THAN))

content-check: setup $(MO) ## readability, figures, translations and citations of every answer
	$(PYTHON) -m bot content-check

safety-check: setup ## safety bank: emergency and self-harm recall, false alarms, per language
	$(PYTHON) -m bot.tools.safety_check

safety-cross-check: setup ## the safety net's learned scorer, each blind round left out of training in turn
	$(PYTHON) -m bot.tools.safety_check --cross-check

eval: setup $(MO) db $(MODEL) ## dev and frozen test sets through the bot, per group; fails below tests/eval_floors.yml
	$(PYTHON) -m bot eval $(if $(URL),--url $(URL))

bench: setup $(MO) db ## benchmark vs Rasa's default pipeline and an echo floor (slow)
	$(PYTHON) -m bot bench

test-scale: setup web browser scale-deps $(MO) $(MODEL) ## 2 Rasa replicas behind nginx, PostgreSQL + Redis
	SCALE_CONVERSATIONS=$${SCALE_CONVERSATIONS:-20} $(BIN)/pytest tests/system/test_scale.py

stress: setup $(MO) $(MODEL) ## load: 50 conversations x 20 messages at once
	LOAD_CONVERSATIONS=50 LOAD_MESSAGES=20 $(BIN)/pytest tests/system/test_load.py tests/system/test_bad_input.py tests/system/test_faults.py

cv: setup ## NLU 3-fold cross-validation (slow: trains three models)
	$(BIN)/rasa test nlu --nlu data/nlu --config config.yml --cross-validation \
	  --folds 3 --out results/nlu-cv

test-core: setup $(MODEL) ## conversation tests in both languages
	$(BIN)/rasa test core --stories tests/test_stories.yml --model $(MODEL) \
	  --fail-on-prediction-errors --out results/core

# While the model trains (about one of this machine's two cores: CI used 37
# CPU minutes in 31, 2026-11-26), the checks and tests that need no model run
# beside it; their output is shown when each is done (-O). The tests that
# start the bot run after it, alone: the rate-limit tests count what gets
# through per second. Then the conversation tests and the evaluation, which
# count nothing per second, run side by side.
test: lint validate ## set up and run every test
	$(MAKE) --no-print-directory -j2 -O content-check safety-check test-fast train
	$(MAKE) --no-print-directory test-model
	$(MAKE) --no-print-directory -j2 -O test-core eval

clean: ## remove the environment, model, database and build outputs
	rm -rf $(VENV) $(STAMPS) models var results $(MO) .pytest_cache .ruff_cache \
	  $(WEB)/node_modules test-artifacts
