-- A store as schema version 1 left it (before sharded runs): one scan of
-- one account with an open finding. Valid SQL for SQLite and PostgreSQL.
INSERT INTO scans (scanned_at, evaluated_at, recorded_at, source, scope_hash, snapshot_digest, rampart_version, catalogue_version, collection_errors)
VALUES ('2026-02-01T06:00:00.000000Z', '2026-02-01T06:00:00.000000Z', '2026-02-01T06:05:00.000000Z', 'api', 'v1-fixture', 'sha256:v1fixture', 'v0.9.0', 'cat-0', 0);
INSERT INTO scan_scopes (scan_id, provider, account, name) SELECT id, 'aws', '111111111111', 'prod' FROM scans WHERE snapshot_digest = 'sha256:v1fixture';
INSERT INTO scan_controls (scan_id, control, severity) SELECT id, 'mfa', 'high' FROM scans WHERE snapshot_digest = 'sha256:v1fixture';
INSERT INTO results (scan_id, id, control, severity, status, provider, account, region, resource, resource_type, message, evidence)
SELECT id, 'f1a2b3c4d5e6f7a8b9c0', 'mfa', 'high', 'FAIL', 'aws', '111111111111', '', 'arn:aws:iam::111111111111:user/alice', 'AWS::IAM::User', 'alice has no MFA', '{"mfa_active": false}'
FROM scans WHERE snapshot_digest = 'sha256:v1fixture';
INSERT INTO findings (id, control, provider, account, region, resource, severity, first_seen, last_seen, opened_at, reopened, first_scan, last_scan)
SELECT 'f1a2b3c4d5e6f7a8b9c0', 'mfa', 'aws', '111111111111', '', 'arn:aws:iam::111111111111:user/alice', 'high',
       '2026-02-01T06:00:00.000000Z', '2026-02-01T06:00:00.000000Z', '2026-02-01T06:00:00.000000Z', 0, id, id
FROM scans WHERE snapshot_digest = 'sha256:v1fixture';
