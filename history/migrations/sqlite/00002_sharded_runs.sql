-- Schema 2: a scan can be one shard of a run (rampart scan --run ID --shard i/n).

-- +goose Up
ALTER TABLE scans ADD COLUMN run_id TEXT;
ALTER TABLE scans ADD COLUMN shard_index INTEGER;
ALTER TABLE scans ADD COLUMN shard_count INTEGER;
CREATE INDEX scans_run ON scans (run_id);

-- +goose Down
DROP INDEX scans_run;
ALTER TABLE scans DROP COLUMN shard_count;
ALTER TABLE scans DROP COLUMN shard_index;
ALTER TABLE scans DROP COLUMN run_id;
