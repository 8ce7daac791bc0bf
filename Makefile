# Everyday commands; each is a thin wrapper around the scripts a newcomer can run without make.
.PHONY: demo test ci lint format messages bench

demo:
	scripts/demo

test:
	scripts/test

ci:
	bash .ci/run

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	DEBUG=1 .venv/bin/python manage.py makemigrations --check --dry-run

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Refresh the English catalogue after changing user-facing text (needs GNU gettext).
messages:
	DEBUG=1 .venv/bin/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=benchmarks
	DEBUG=1 .venv/bin/python manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

bench:
	.venv/bin/python -m benchmarks
