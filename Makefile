# gongkai — two commands: `make run` serves the platform, `make test` runs the whole suite.
SHELL := /bin/bash
# The real interpreter, not a version-manager shim: uv recreates the venv when the path it is given
# differs from the one the venv was made with.
PYTHON ?= $(shell $$(command -v python3.11 || command -v python3) -c 'import sys; print(sys.executable)')
UV_VERSION := 0.13.9
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test setup lint browser-deps clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

setup: $(UV)
	$(UV) sync --frozen --python $(PYTHON)

run: setup
	bin/serve

test: setup browser-deps
	bin/test

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy gongkai config

browser-deps:
	@bin/install-browser

clean:
	rm -rf .venv .tools
