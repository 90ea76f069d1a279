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
# Runs of one target that may end in Go's fuzztime race (below).
attempts=3

# corpus_files DIR NAME lists the inputs saved for target NAME of the
# package in DIR, one per line.
corpus_files() {
	ls "$1/testdata/fuzz/$2" 2>/dev/null || true
}

# go1.26's fuzz coordinator can fail a target with a bare "context deadline
# exceeded" as -fuzztime runs out: the deadline reaches the coordinator
# before its workers' context, and the shutdown error escapes the filter
# meant to drop it (go.dev/issue/75804, fixed in go1.27). Such a run found
# nothing: a failing input is always saved under testdata/fuzz/, and a
# failing seed or a crash prints more than that one line. So a run whose
# only failure is that line, and which saved no input, is run again; any
# other failure fails at once.
deadline_race() {
	local out="$1" name="$2" before="$3" after="$4"
	[ "$before" = "$after" ] || return 1
	printf '%s\n' "$out" | grep -qx -- "--- FAIL: ${name} ([0-9.]*s)" || return 1
	# The line after the FAIL header is the whole reason.
	[ "$(printf '%s\n' "$out" | grep -A1 -x -- "--- FAIL: ${name} ([0-9.]*s)" | tail -1)" = "    context deadline exceeded" ] || return 1
	[ "$(printf '%s\n' "$out" | grep -c -- '^--- FAIL')" = 1 ]
}

status=0
while IFS=: read -r file name; do
	dir="$(dirname "$file")"
	pkg="./$dir"
	for attempt in $(seq 1 "$attempts"); do
		before=$(corpus_files "$dir" "$name")
		if out=$(go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" 2>&1); then
			# A run shorter than the baseline pass prints no count.
			execs=$(printf '%s\n' "$out" | { grep -o 'execs: [0-9]*' || true; } | tail -1 | cut -d' ' -f2)
			printf '%-40s %-28s %s execs in %s\n' "$pkg" "$name" "${execs:-?}" "$fuzztime"
			break
		fi
		after=$(corpus_files "$dir" "$name")
		if [ "$attempt" -lt "$attempts" ] && deadline_race "$out" "$name" "$before" "$after"; then
			echo "fuzz: $pkg $name stopped on Go's fuzztime race (go.dev/issue/75804), nothing found; running it again" >&2
			continue
		fi
		printf '%s\n' "$out" >&2
		echo "fuzz: $pkg $name FAILED" >&2
		status=1
		break
	done
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | sed 's|^\./||; s|:func |:|' | sort)
exit $status
