#!/usr/bin/env bash
# The test command of the README: vets the code and runs every test.
# The AWS collector and end-to-end tests run against moto_server, a real AWS
# emulator that machines of this kind ship with, and the history store
# tests against a PostgreSQL 15 they start themselves; under CI=true they
# fail (not skip) when either is missing, so say so up front.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v moto_server >/dev/null 2>&1; then
	echo "moto_server: $(command -v moto_server)"
else
	echo "warning: moto_server not on PATH; the AWS collector tests will skip (fail under CI=true)" >&2
fi

# The HTML and PDF report tests open the report in a real headless Chromium;
# under CI=true they fail (not skip) without one, so install Debian's when
# running as root (CI), and warn otherwise.
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || [ -n "${RAMPART_CHROMIUM:-}" ]; then
	echo "chromium: ${RAMPART_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "chromium: not found; installing Debian's chromium for the report tests"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
	echo "warning: chromium not on PATH; the HTML/PDF report tests will skip (fail under CI=true): apt-get install chromium" >&2
fi

# The history store tests start their own PostgreSQL 15 (never a mock).
scripts/ensure-postgres.sh

go vet ./...
# Under CI (or with RAMPART_LONG_TESTS=1, which .ci/run sets) the long
# tests run too: the 20 scans under throttling, about 30 s.
if [ -n "${CI:-}" ]; then
	export RAMPART_LONG_TESTS=1
fi
go test ./...

# Under CI (or .ci/run), a few seconds of each fuzz target (FUZZTIME, default 3s).
if [ -n "${CI:-}" ] || [ -n "${RAMPART_LONG_TESTS:-}" ]; then
	scripts/fuzz.sh
fi
