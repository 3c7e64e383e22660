# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make serve   build and serve the site on http://127.0.0.1:8000/russia-china-rocket-engines/
#   make test    run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt | cksum | cut -d' ' -f1)
PORT ?= 8000
# Material 9.8 prints an end-of-life banner on every build (EOL May 2027; see README): the
# migration is tracked there, so keep build output to real warnings.
export NO_MKDOCS_2_WARNING := 1

.PHONY: all setup check reextract build serve test lint bench clean schema-predicates

all: test

# The venv is rebuilt whenever the pinned requirements change (the stamp names their checksum).
$(STAMP): requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.txt
	@# Make the core package importable from the venv without building it.
	@$(BIN)/python -c 'import site, pathlib; pathlib.Path(site.getsitepackages()[0], "briefing-repo.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

check: $(STAMP)
	$(BIN)/python -m briefing check

# Every source stored with its original (sources/ID.warc.gz): its text made again by the recorded
# extractor, byte for byte, so a stored text is what the page says and not a hand-edited copy.
reextract: $(STAMP)
	$(BIN)/python -m briefing reextract

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The preview (preview/): rebuilds only the pages an edit changes, and shows the check's findings
# in the browser while the site cannot be built. `make build` alone makes the published site.
serve: $(STAMP)
	$(BIN)/python -m preview --dev-addr 127.0.0.1:$(PORT)

# briefing/schema_predicates.py: the record schemas' fast validators, generated once and committed
# (briefing/schema.py says why). Run after changing a schema; a test fails until it is run.
schema-predicates: $(STAMP)
	$(BIN)/python -m briefing.schema

lint: $(STAMP)
	$(BIN)/ruff check .

# The suite runs on one pytest-xdist worker per core, at most 4 (TEST_WORKERS=0 runs it in this
# one process). Each test module stays on one worker (--dist loadscope), so a build a module shares
# between its tests is made once; the real site's build is shared by every worker (tests/conftest.py).
TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadscope

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf site .cache .pytest_cache .ruff_cache test-output
