#!/usr/bin/env bash
# Makes PostgreSQL 15's server binaries available for the history store
# tests, which start their own throwaway server from
# /usr/lib/postgresql/15/bin (initdb into a temporary directory, pg_ctl on
# 127.0.0.1). Installs Debian's postgresql-15 when missing and apt-get can
# (as root); otherwise says so: the PostgreSQL tests then skip, and fail
# under CI=true.
set -euo pipefail

bin="${RAMPART_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
	echo "postgresql: $bin"
	exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "postgresql: $bin/initdb missing; installing postgresql-15" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	if apt-cache policy postgresql-15 | grep -q 'Candidate: [0-9]'; then
		# The package's own cluster is not used by the tests.
		apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
		echo "postgresql: installed $("$bin/postgres" --version)"
		exit 0
	fi
	echo "warning: no postgresql-15 package in the apt sources" >&2
fi
echo "warning: PostgreSQL 15 not found in $bin; the PostgreSQL store tests will skip (fail under CI=true)" >&2
