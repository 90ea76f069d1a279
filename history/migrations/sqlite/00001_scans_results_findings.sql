-- Schema 1: scans, their results, and the state of each finding across scans.
-- Times are UTC RFC 3339 text of fixed width, so text order is time order.

-- +goose Up
CREATE TABLE scans (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    scanned_at        TEXT    NOT NULL, -- the snapshot's collected_at
    evaluated_at      TEXT    NOT NULL,
    recorded_at       TEXT    NOT NULL,
    source            TEXT    NOT NULL,
    scope_hash        TEXT    NOT NULL, -- identifies the set of scopes scanned
    snapshot_digest   TEXT    NOT NULL,
    rampart_version   TEXT    NOT NULL,
    catalogue_version TEXT    NOT NULL,
    collection_errors INTEGER NOT NULL
);
CREATE INDEX scans_scope_time ON scans (scope_hash, scanned_at);
CREATE INDEX scans_time ON scans (scanned_at);

CREATE TABLE scan_scopes (
    scan_id  INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    provider TEXT    NOT NULL,
    account  TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    PRIMARY KEY (scan_id, provider, account)
);
CREATE INDEX scan_scopes_account ON scan_scopes (provider, account);

-- The controls a scan evaluated: a finding of a control left out (--control)
-- is not resolved by its absence.
CREATE TABLE scan_controls (
    scan_id  INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    control  TEXT    NOT NULL,
    severity TEXT    NOT NULL,
    PRIMARY KEY (scan_id, control)
);

CREATE TABLE results (
    scan_id       INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    id            TEXT    NOT NULL,
    control       TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    provider      TEXT    NOT NULL,
    account       TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    resource      TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    message       TEXT    NOT NULL,
    evidence      TEXT    NOT NULL,
    PRIMARY KEY (scan_id, id)
);
CREATE INDEX results_id ON results (id);

CREATE TABLE snapshots (
    scan_id  INTEGER PRIMARY KEY REFERENCES scans (id) ON DELETE CASCADE,
    digest   TEXT    NOT NULL,
    encoding TEXT    NOT NULL,
    data     BLOB    NOT NULL
);

-- One row per finding ever seen failing. opened_at starts the current
-- episode (first_seen, or the scan that reopened it).
CREATE TABLE findings (
    id            TEXT    PRIMARY KEY,
    control       TEXT    NOT NULL,
    provider      TEXT    NOT NULL,
    account       TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    resource      TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    first_seen    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    opened_at     TEXT    NOT NULL,
    resolved_at   TEXT,
    reopened      INTEGER NOT NULL DEFAULT 0,
    first_scan    INTEGER NOT NULL,
    last_scan     INTEGER NOT NULL,
    resolved_scan INTEGER
);
CREATE INDEX findings_open ON findings (provider, account) WHERE resolved_at IS NULL;

-- Every closed episode of a finding: what MTTR is computed from.
CREATE TABLE resolutions (
    finding_id  TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    opened_at   TEXT    NOT NULL,
    resolved_at TEXT    NOT NULL,
    scan_id     INTEGER NOT NULL
);
CREATE INDEX resolutions_time ON resolutions (resolved_at);

-- +goose Down
DROP TABLE resolutions;
DROP TABLE findings;
DROP TABLE snapshots;
DROP TABLE results;
DROP TABLE scan_controls;
DROP TABLE scan_scopes;
DROP TABLE scans;
