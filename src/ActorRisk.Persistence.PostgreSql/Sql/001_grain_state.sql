-- One row per grain state. The version is the ETag: every write must name the version it read.
-- partition_id is the grain's partition (stable hash), so cluster silos can fence writes per partition.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type     text        NOT NULL,
    grain_key      text        NOT NULL,
    state_name     text        NOT NULL,
    partition_id   integer     NOT NULL,
    version        bigint      NOT NULL CHECK (version > 0),
    schema_version integer     NOT NULL,
    state          jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grain_state_pk PRIMARY KEY (grain_type, grain_key, state_name)
);

CREATE INDEX IF NOT EXISTS grain_state_partition_ix ON grain_state (partition_id);
