# One place for every developer and CI command. `make test` is what CI runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run system-deps test check lint format types contracts pytest install-test bench reliability package package-test clean

# The venv's own pip, not upgraded first: a new user's `python3 -m venv` brings an older pip
# (23.x on Python 3.11), and the install must work with it.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

## Check the system packages the window needs (Debian/Ubuntu), offer to install the missing ones,
## install (first time only) and open the app on the bundled sample project.
run: system-deps
	$(MAKE) --no-print-directory $(STAMP)
	$(BIN)/annotator --sample

## The Debian/Ubuntu packages of annotator/ui/system-packages.txt (and python3.X-venv): silent when
## all are there, else asks to install them (root or sudo) or prints the `apt install` line.
system-deps:
	@PYTHON=$(PYTHON) bash packaging/linux/system-deps.sh ensure

## Check the system packages (as `make run` does), install (first time only) and run every check:
## lint, format, types, import contracts, tests. The checks run side by side (each one's output
## shown whole when it ends): mypy's minute from a cold cache went before the tests, on a machine
## whose two cores the tests leave a fifth of idle while they wait for windows and children.
test: system-deps
	$(MAKE) --no-print-directory -j4 --output-sync=target check

check: lint types contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check annotator tests benchmarks
	$(BIN)/ruff format --check annotator tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format annotator tests benchmarks
	$(BIN)/ruff check --fix annotator tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

## Three processes (pytest-xdist), each test module whole in one of them: a module's tests share
## fixtures and some start Xvfb or child processes in turn. Two processes left the two cores
## idle a fifth of the time, waiting on windows, timers and child processes; a third took the
## full run from 16 min 10 s to 15 min 16 s on two cores, every test passing.
# --timeout: a test waiting for ever (a key that went to another window) held a worker until
# CI's own limit and failed the run without a word; it now fails alone, with every thread's stack.
# The thread method: a signal's exception raised inside Qt's event loop was swallowed there.
pytest: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow" -n 3 --dist loadfile --timeout=300 --timeout-method=thread

## The long reliability runs (20 SIGKILLed writers x 1,000 writes, 10,000-example importer fuzz,
## three kills of each long action).
reliability: $(STAMP)
	$(BIN)/python -m pytest -q -s -m slow tests/reliability tests/services/test_crash_campaign.py tests/nlp/test_long_texts.py

## Install as a pip user does, into a throw-away venv with that venv's own pip (no dev tools, not
## editable), then import an HTML page and run `annotator --self-test` on the real X11 platform
## under Xvfb. CI runs it after `make test`.
install-test:
	PYTHON=$(PYTHON) bash packaging/linux/install-test.sh

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

## Build the standalone bundle (dist/annotator/, PyInstaller in a clean venv from the pinned,
## hashed packaging/requirements-build.txt) and the Debian package dist/annotator_*.deb.
## Not part of `make test`/CI: it takes minutes (see packaging/README.md). Needs root or sudo.
package:
	PYTHON=$(PYTHON) bash packaging/linux/install-deps.sh build
	PYTHON=$(PYTHON) bash packaging/build-bundle.sh
	bash packaging/linux/build-deb.sh

## Install the .deb with apt, run the installed `annotator --self-test` under xvfb-run (real X11),
## then remove it. SCREENSHOT=docs/screenshot-installed.png also saves the window.
package-test:
	SCREENSHOT=$(SCREENSHOT) bash packaging/linux/test-deb.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
