# mes-tui — the two commands of the README's quick start are `make run` and `make test`.
# Everything the tests need is installed from here: the Python packages into .venv, and the
# Debian packages (tmux) when they are missing and we may install them.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?=
SERVE_BENCH_ARGS ?=

.PHONY: run test test-fast lint bench bench-serve eval-extract setup system-deps validate snapshots clean catalogue

run: setup
	$(BIN)/mes-tui

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,extract]'
	touch $(STAMP)

# Debian packages the end-to-end tests drive: tmux (terminal), OpenSSH (a real SSH session on
# loopback), Chromium (the browser demo). Processes are followed through /proc.
SYSTEM_PACKAGES := tmux openssh-server openssh-client chromium
SYSTEM_TOOLS    := tmux /usr/sbin/sshd ssh ssh-keygen chromium

system-deps:
	@missing=""; for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "missing: $(SYSTEM_PACKAGES) (not root, no sudo to install them)" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

# Lint and types (configuration in pyproject.toml): the first step of `make test`, so of CI.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint system-deps
	$(BIN)/mes-tui validate
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The inner loop: unit, CLI, Pilot and snapshot tests, without the slow tiers (tmux, SSH,
# browser, a million rows, the benchmark, long randomized runs, the newcomer's journeys, and the
# further variants of a case it runs once); `make test` runs them all.
# Three workers for two cores: a Pilot test spends part of its time waiting for the app to go
# idle after each key, and another worker's test uses the core meanwhile (two a core made the
# workers fight for the cores once the tests' garbage collection got cheaper, see
# tests/conftest.py). The tests that load spaCy's pipeline share one worker (xdist_group
# "spacy"): it is loaded once. Fewer examples for the property tests (MES_TUI_TEST_TIER=fast).
# Compiled modules (and pytest's rewritten test modules) are kept under .venv even where
# PYTHONDONTWRITEBYTECODE is set: else every worker compiles every test module again.
FAST := not (e2e or ssh or browser or large or bench or slow or journey)
FAST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(max(2, 3 * len(os.sched_getaffinity(0)) // 2))')
test-fast: setup
	MES_TUI_TEST_TIER=fast PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(abspath $(VENV))/pycache \
	  $(BIN)/python -m pytest -m "$(FAST)" -n $(FAST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Benchmarks (a few minutes): medians next to their targets, against a bare Textual app and
# VisiData, which is installed into the venv as the reference. See docs/performance.md.
bench: setup system-deps
	@$(BIN)/python -c 'import visidata' 2>/dev/null || $(BIN)/python -m pip install --quiet visidata
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# mes-tui serve under load on loopback: sessions up to and past the cap, a search in each, every
# tab closed; memory, time to first screen, and no process left (docs/performance.md).
bench-serve: setup system-deps
	$(BIN)/python bench/serve_load.py $(SERVE_BENCH_ARGS)

# Extraction measured against the dataset of record (docs/extraction.md keeps the table).
# EVAL_ARGS="--extra DIR" adds a directory of records (sources known by their excerpts).
EVAL_ARGS ?=
eval-extract: setup
	$(BIN)/python bench/eval_extract.py --write $(EVAL_ARGS)

validate: setup
	$(BIN)/mes-tui validate

# Re-record the SVG snapshots after a deliberate change of the UI (then look at them).
snapshots: setup
	$(BIN)/python -m pytest tests/test_snapshots.py tests/test_snapshots_fr.py tests/test_hostile_text.py --snapshot-update

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache snapshot_report.html

# The French catalogue: extract every message of the sources (babel.cfg), merge them into
# mes_tui/present/locale/fr/LC_MESSAGES/mes_tui.po (translate what is new there), and compile
# the .mo that ships in the package. tests/test_catalogue.py fails until both are up to date.
LOCALE := mes_tui/present/locale
catalogue: setup
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --project=mes-tui \
	  --copyright-holder=mes-tui -o $(LOCALE)/mes_tui.pot .
	$(BIN)/pybabel update -D mes_tui -d $(LOCALE) -i $(LOCALE)/mes_tui.pot \
	  --ignore-obsolete --no-fuzzy-matching --width=100
	$(BIN)/pybabel compile -D mes_tui -d $(LOCALE) --statistics
