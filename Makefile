# Two commands do everything on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/lkip.duckdb
PORT ?= 8501

.PHONY: run test venv demo browser libreoffice lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# The demo data set is built on first start (and kept: delete data/lkip.duckdb to rebuild).
$(DB): | $(VENV)/.installed
	LKIP_DB=$(DB) $(BIN)/python -m lkip_core demo

demo: venv
	LKIP_DB=$(DB) $(BIN)/python -m lkip_core demo --force

run: venv $(DB)
	LKIP_DB=$(DB) $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

# Browser tests drive Debian's Chromium; install it where missing (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
		{ echo "Memasang Chromium (apt-get) …"; \
		  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The annex and deck tests print to PDF with LibreOffice (Calc for the workbooks, Impress for
# the deck) and read the PDF with poppler; the LKIP book is made with Writer, its tables of
# contents updated through python3-uno, in Arial's metric twin Liberation Sans; install what
# is missing.
LO_PACKAGES := libreoffice-calc libreoffice-impress libreoffice-writer python3-uno \
	fonts-liberation2 poppler-utils
libreoffice:
	@dpkg -s $(LO_PACKAGES) >/dev/null 2>&1 || \
		{ echo "Memasang LibreOffice (apt-get) …"; \
		  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		  $(LO_PACKAGES) >/dev/null; }

test: venv browser libreoffice
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: venv
	$(BIN)/ruff check .

# Speed figures the issues name. The city-scale data set is built once (about a minute).
KOTA ?= data/kota.duckdb
$(KOTA): | $(VENV)/.installed
	$(BIN)/python -m lkip_core --db $(KOTA) demo --skala kota --folder data/demo_kota

bench: venv $(KOTA)
	$(BIN)/python -m benchmarks.impor
	time $(BIN)/python -m lkip_core --db /tmp/lkip_bench_demo.duckdb demo --force --folder /tmp/lkip_bench_demo
	$(BIN)/python -m benchmarks.analisis --db $(KOTA)
	$(BIN)/python -m benchmarks.rekonsiliasi --db $(KOTA)
	$(BIN)/python -m benchmarks.lampiran --db $(KOTA)
	$(BIN)/python -m benchmarks.pimpinan --db $(KOTA)
	$(BIN)/python -m benchmarks.naskah --demo
	$(BIN)/python -m benchmarks.naskah --db $(KOTA)
	$(BIN)/python -m benchmarks.masuk --db $(KOTA)
	$(BIN)/python -m benchmarks.halaman --db $(KOTA)

clean:
	rm -rf $(VENV) .pytest_cache
