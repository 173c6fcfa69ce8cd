-- Orleans keeps one activation per grain and checks the ETag (the version) on every write, so the old runtime's
-- partition fence is gone and nothing writes partition_id any more: new rows get 0, old rows keep their value.
-- Its index served only the fence; dropping it (and, with it, the copies on every partition) spares every
-- non-HOT write one index entry. Orleans has no state schema versions either: new rows say 1, the old default.
ALTER TABLE grain_state ALTER COLUMN partition_id SET DEFAULT 0;
ALTER TABLE grain_state ALTER COLUMN schema_version SET DEFAULT 1;
DROP INDEX IF EXISTS grain_state_partition_ix;
DROP INDEX IF EXISTS grain_state_default_partition_ix;
