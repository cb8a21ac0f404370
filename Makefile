PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# the SDG matcher compiled with mypyc (src/impactkit/plugins/sdg/native.py); where it cannot be built it stays
# Python (native.py says why, make goes on and tries again next time)
NATIVE := $(VENV)/.sdg-native

.PHONY: demo test lint bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,native]'
	touch $(STAMP)

$(NATIVE): $(STAMP) src/impactkit/plugins/sdg/matcher.py
	-$(BIN)/python -m impactkit.plugins.sdg.native && touch $(NATIVE)

venv: $(STAMP)

demo: $(STAMP) $(NATIVE)
	$(BIN)/impactkit demo
	@test -s impactkit-demo/pwmi/output/report.html && test -s impactkit-demo/pwmi/output/report.pdf
	@echo "The PWMI report: $(CURDIR)/impactkit-demo/pwmi/output/report.html"
	@echo "            and: $(CURDIR)/impactkit-demo/pwmi/output/report.pdf"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

test: lint $(STAMP) $(NATIVE)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP) $(NATIVE)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) impactkit-demo build dist src/impactkit/plugins/sdg/_matcher_c*
