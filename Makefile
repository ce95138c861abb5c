# `make run` — the app on the bundled demo; `make test` — the whole suite.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Shared libraries Qt needs even offscreen, and the Debian packages that provide them.
OFFSCREEN_LIBS := libGL.so.1:libgl1 libEGL.so.1:libegl1 libxkbcommon.so.0:libxkbcommon0 \
	libfontconfig.so.1:libfontconfig1 libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3
# What Qt's xcb plugin (a real window) needs on top of those.
XCB_LIBS := libxcb-cursor.so.0:libxcb-cursor0 libxkbcommon-x11.so.0:libxkbcommon-x11-0 \
	libxcb-icccm.so.4:libxcb-icccm4 libxcb-image.so.0:libxcb-image0 \
	libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-randr.so.0:libxcb-randr0 \
	libxcb-render-util.so.0:libxcb-render-util0 libxcb-xinerama.so.0:libxcb-xinerama0 \
	libxcb-xfixes.so.0:libxcb-xfixes0 libxcb-shape.so.0:libxcb-shape0 libxcb-xkb.so.1:libxcb-xkb1

# Prints the apt-get line for any missing library in $(1) and fails.
define check_libs
	@missing=""; for pair in $(1); do lib=$${pair%%:*}; pkg=$${pair##*:}; \
	  if ! ldconfig -p 2>/dev/null | grep -q "$$lib"; then missing="$$missing $$pkg"; fi; done; \
	if [ -n "$$missing" ]; then \
	  echo "Qt needs system libraries that are missing. Install them with:"; \
	  echo "  sudo apt-get install -y$$missing"; exit 1; fi
endef

.PHONY: run compile test lint screenshots bench bench-engine bench-workloads bench-gui docs translations check-offscreen-libs check-window-libs clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	@touch $(STAMP)

# Byte-compiles our sources, as installing a wheel does: with PYTHONDONTWRITEBYTECODE set
# (as on some machines) every start would otherwise compile ~100 modules again (~0.2 s).
# Cheap when nothing changed: compileall skips files whose cache is current.
compile: $(STAMP)
	@$(PY) -m compileall -q main.py core gui assets

check-offscreen-libs:
	$(call check_libs,$(OFFSCREEN_LIBS))

check-window-libs:
	$(call check_libs,$(OFFSCREEN_LIBS) $(XCB_LIBS))

run: $(STAMP) compile
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  $(MAKE) --no-print-directory check-window-libs || exit 1; fi
	$(PY) main.py $(ARGS)

test: $(STAMP) check-offscreen-libs
	$(PY) -m ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

bench: bench-engine bench-workloads bench-gui

bench-engine: $(STAMP)
	$(PY) bench/bench_engine.py

bench-workloads: $(STAMP)
	$(PY) bench/bench_workloads.py

bench-gui: $(STAMP) compile check-offscreen-libs
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_gui.py

# Renders every bundled lesson into docs/lessons and docs/gallery.md (deterministic).
docs: $(STAMP) check-offscreen-libs
	QT_QPA_PLATFORM=offscreen $(PY) -m gui.docs_builder --out docs

# Remakes the window pictures in docs/screenshots from the current code.
screenshots: $(STAMP) check-offscreen-libs
	QT_QPA_PLATFORM=offscreen $(PY) -m gui.screenshots --out docs/screenshots

# Recompiles the Chinese translation after strings change (lupdate keeps old ones).
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none $$(find gui -name "*.py" | sort) -ts assets/i18n/pvgraph_zh_CN.ts
	$(VENV)/bin/pyside6-lrelease assets/i18n/pvgraph_zh_CN.ts -qm assets/i18n/pvgraph_zh_CN.qm

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
