// Package history is rampart's history store: it records every scan (its
// scopes, snapshot digest and results) in SQLite or PostgreSQL, follows
// each finding across scans (first seen, last seen, resolved, reopened),
// and answers what changed between two scans and how posture trends.
//
// One Store interface has two real backends chosen by Open's DSN: a local
// SQLite file (the default, through a pure-Go driver) and a PostgreSQL
// database shared by a team or by the shards of an organization-wide scan.
// Both share one SQL core (sql.go); what differs (driver, schema types,
// locking) sits in sqlite.go and postgres.go. Schemas are versioned
// migrations embedded in the binary and applied on Open.
package history
