# The two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_DB := sqlite:///.demo/claims.db
SEED := seeds/000_4553a5a73907e540.txt

.PHONY: install demo lint test bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED)

demo: install
	rm -rf .demo && mkdir -p .demo
	$(BIN)/claims --db $(DEMO_DB) db upgrade
	$(BIN)/claims --db $(DEMO_DB) --editor demo source add $(SEED) \
		--title "Tencent teams up with Geely on intelligent driving" --published 2021-01-22
	$(BIN)/claims --db $(DEMO_DB) report

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 --dist worksteal

bench: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench,train]"
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .demo .pytest_cache
