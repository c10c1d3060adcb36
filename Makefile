# The ERP's two everyday commands are `make run` and `make test`; `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
PACKAGES := shared services/procurement services/inventory services/sales services/manufacturing \
            services/finance services/hr gateway
PYPROJECTS := $(addsuffix /pyproject.toml,$(PACKAGES))
export PATH := $(abspath $(VENV))/bin:$(PATH)
PYTEST := $(PY) -m pytest
CONSOLE := gateway/console
CONSOLE_SOURCES := $(shell find $(CONSOLE)/src $(CONSOLE)/public $(CONSOLE)/openapi -type f 2>/dev/null) \
                   $(addprefix $(CONSOLE)/,index.html vite.config.ts tsconfig.json package.json)

.PHONY: help install infra setup run test test-unit test-integration test-e2e test-deploy definitions bench clean \
        console console-deps console-client

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

install: $(VENV)/.installed ## Create the virtualenv with the pinned dependencies and every package of the repo

$(VENV)/.installed: requirements.lock $(PYPROJECTS)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps $(addprefix -e ,$(PACKAGES))
	touch $@

infra: ## Make sure PostgreSQL and RabbitMQ are up (starts local ones that are down)
	@bash scripts/ensure-infra.sh

setup: install infra console ## Keys, databases, migrations, broker topology, admin user
	@bash scripts/setup.sh

run: setup ## Start every API, worker and the gateway (gateway on :8080); Ctrl-C stops them all
	honcho start -f Procfile

test: install infra console ## Every test: unit, integration (real PostgreSQL + RabbitMQ), deployment, end to end (console in chromium included)
	cd $(CONSOLE) && npm run --silent typecheck && npm test
	$(PYTEST) -q -n 2 shared/tests services gateway/tests deploy/tests
	$(PYTEST) -q tests-e2e

test-unit: install ## Unit tests only (no I/O)
	$(PYTEST) -q shared/tests/unit services/*/tests/unit gateway/tests/unit

test-integration: install infra ## Integration tests of the library, each service and the gateway
	$(PYTEST) -q shared/tests services gateway/tests

test-e2e: install infra console ## The whole system through the gateway, faults included, and the console in chromium
	$(PYTEST) -q tests-e2e

test-deploy: install ## Offline validation of docker-compose.yml and k8s/
	$(PYTEST) -q deploy/tests

definitions: install ## Export the broker topology to deploy/rabbitmq/definitions.json
	erp-manage export-definitions --vhost erp > deploy/rabbitmq/definitions.json

console-deps: $(CONSOLE)/node_modules/.installed ## Install the web console's pinned npm packages (only when the lockfile changed)

$(CONSOLE)/node_modules/.installed: $(CONSOLE)/package-lock.json $(CONSOLE)/package.json
	cd $(CONSOLE) && npm ci --no-audit --no-fund
	touch $@

console: $(CONSOLE)/dist/index.html ## Build the web console the gateway serves at / (only when its sources changed)

$(CONSOLE)/dist/index.html: $(CONSOLE)/node_modules/.installed $(CONSOLE_SOURCES)
	cd $(CONSOLE) && npm run --silent build

console-client: install console-deps ## Regenerate the console's typed API client and role policy from the code
	$(PY) scripts/export-openapi.py $(CONSOLE)/openapi/erp.json --policy $(CONSOLE)/openapi/policy.json
	cd $(CONSOLE) && npm run --silent client

clean: ## Remove the virtualenv and local state (keys, admin password, metrics files)
	rm -rf $(VENV) var $(CONSOLE)/node_modules $(CONSOLE)/dist
