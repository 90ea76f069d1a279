#!/usr/bin/env bash
# Runs every fuzz target of the tree (func FuzzXxx in a _test.go file) for
# FUZZTIME each (default 3s), one after the other: go test -fuzz takes one
# target of one package at a time. A longer run, e.g. before a release:
#   FUZZTIME=10m scripts/fuzz.sh
# A failing input is written under the package's testdata/fuzz/ and then
# replays as a regression test in every `go test` run: commit it with the
# fix. Prints the executions of each target.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-3s}"
# New interesting inputs are minimized before fuzzing goes on; the default
# budget (60 s per input) would spend a short run on one large plan.
minimize="${FUZZMINIMIZETIME:-1s}"

status=0
while IFS=: read -r file name; do
	pkg="./$(dirname "$file")"
	if out=$(go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" 2>&1); then
		execs=$(printf '%s\n' "$out" | grep -o 'execs: [0-9]*' | tail -1 | cut -d' ' -f2)
		printf '%-40s %-28s %s execs in %s\n' "$pkg" "$name" "${execs:-?}" "$fuzztime"
	else
		printf '%s\n' "$out" >&2
		echo "fuzz: $pkg $name FAILED" >&2
		status=1
	fi
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | sed 's|^\./||; s|:func |:|' | sort)
exit $status
