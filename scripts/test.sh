#!/usr/bin/env bash
# The test command of the README: vets the code and runs every test.
# The AWS collector and end-to-end tests run against moto_server, a real AWS
# emulator that machines of this kind ship with; under CI=true they fail
# (not skip) when it is missing, so say so up front.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v moto_server >/dev/null 2>&1; then
	echo "moto_server: $(command -v moto_server)"
else
	echo "warning: moto_server not on PATH; the AWS collector tests will skip (fail under CI=true)" >&2
fi

go vet ./...
go test ./...
