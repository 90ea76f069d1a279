#!/usr/bin/env bash
# Measures the peak resident memory of `rampart eval` on the snapshot of
# one account of 10,000 users and 10,000 roles (internal/synth), in each
# report format, with GNU time's "Maximum resident set size". It reports
# memory, not time: the CPU seconds are printed for the cost of GC
# settings, wall time means nothing on a shared machine.
#
#   scripts/peak-rss.sh [SNAPSHOT] [FORMAT...]
#
# SNAPSHOT defaults to $TMPDIR/rampart-big-10k.json, written first when
# missing (json.Marshal(synth.LargeAWS(10000, 10000)), 10 MB); FORMAT
# defaults to json. Environment such as GOMEMLIMIT or GOGC is passed on.
set -euo pipefail

cd "$(dirname "$0")/.."
snap="${1:-${TMPDIR:-/tmp}/rampart-big-10k.json}"
shift || true
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(json)

if [ ! -x /usr/bin/time ]; then
	echo "peak-rss: /usr/bin/time (GNU time) is needed: apt-get install time" >&2
	exit 2
fi
if [ ! -s "$snap" ]; then
	echo "peak-rss: writing $snap" >&2
	RAMPART_SYNTH_OUT="$(cd "$(dirname "$snap")" && pwd)/$(basename "$snap")" \
		go test -count=1 -run '^TestWriteLargeAWS$' ./internal/synth >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go build -o "$work/rampart" ./cmd/rampart

for f in "${formats[@]}"; do
	rc=0
	/usr/bin/time -v -o "$work/time" "$work/rampart" eval "$snap" --format "$f" -o "$work/out.$f" || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "peak-rss: rampart eval --format $f exited $rc" >&2
		exit "$rc"
	fi
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
	cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$work/time")
	printf '%-9s peak RSS %5d MiB  (%s kB)  cpu %ss  exit %d\n' "$f" $((rss / 1024)) "$rss" "$cpu" "$rc"
done
