# Sebar: `make demo` builds the demo portal, `make test` runs the whole suite. Both install
# what they need from nothing (Python packages from requirements.lock; Chromium from Debian).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo serve check test lint bench system-deps lock clean install

$(BIN)/sebar: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

demo: $(BIN)/sebar system-deps
	$(BIN)/sebar build
	@echo "Portal demo ada di site/. Buka pratinjau dengan: $(BIN)/sebar serve  (lalu http://127.0.0.1:8000/)"

serve: $(BIN)/sebar
	$(BIN)/sebar serve

check: $(BIN)/sebar
	$(BIN)/sebar check

# Debian packages: Chromium and fonts (charts, maps and infographics are drawn with it at build time, and
# the browser tests), Pango for WeasyPrint's PDFs (books, records), npm for axe-core.
system-deps:
	@command -v chromium >/dev/null && command -v npm >/dev/null && dpkg -s libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium \
	  fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 $$(command -v npm >/dev/null || echo npm); }

# axe-core, pinned by package-lock.json, checks the built pages against WCAG 2.1 AA.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: $(BIN)/sebar
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator

test: $(BIN)/sebar system-deps node_modules/axe-core/axe.min.js lint
	$(BIN)/python -m pytest -n 2 -q

lock:
	$(BIN)/uv pip compile pyproject.toml --extra test -o requirements.lock --python-version 3.11

clean:
	rm -rf $(VENV) site .pytest_cache node_modules

# Lighthouse, pinned by bench/package-lock.json, for the benchmark only (its own folder: `make test`
# does not install it). Without it the benchmark records why and measures the rest.
bench/node_modules/.bin/lighthouse: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error || echo "Lighthouse tidak terpasang: skor halaman dilewati"
	@touch -c $@

# Quick (100 datasets, 100,000 rows; under 3 minutes, run by CI) by default; `make bench FULL=1` for
# 1,000 datasets and 1M/5M rows (`BENCH_ARGS="--rows 1000000"` leaves out the long 5M run). Writes
# bench/results.json and bench/RESULTS.md; fails only when a step crashes, never on a figure.
bench: $(BIN)/sebar system-deps bench/node_modules/.bin/lighthouse
	$(BIN)/python bench/bench_build.py $(if $(FULL),--full) $(BENCH_ARGS)

# One step for an operator's own computer (content/bantuan/persiapan.md): `sebar` on the PATH through pipx
# (its own environment, nothing mixed into the system's Python); `pipx ensurepath` adds ~/.local/bin.
install:
	@command -v pipx >/dev/null || { echo "pipx belum terpasang: sudo apt install pipx (Debian/Ubuntu) atau $(PYTHON) -m pip install --user pipx"; exit 1; }
	pipx install --force .
	pipx ensurepath
	@echo "Selesai. Buka terminal baru lalu jalankan: sebar --help"
