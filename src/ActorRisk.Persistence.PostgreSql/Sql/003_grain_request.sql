-- Requests applied at most once (an authorization id, a settlement batch id). A row is inserted by the same
-- statement that writes the grain state the request changed, so either both are stored or neither: a retry
-- finds the row, changes nothing and gets the first answer. Rows older than the retention period are purged;
-- applied_at grows with insertion order, so a BRIN index finds them at a fraction of a B-tree's upkeep.
CREATE TABLE IF NOT EXISTS grain_request (
    scope       text        NOT NULL,
    request_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    answer      jsonb       NOT NULL,
    applied_at  timestamptz NOT NULL,
    CONSTRAINT grain_request_pk PRIMARY KEY (scope, request_id)
);

CREATE INDEX IF NOT EXISTS grain_request_applied_ix ON grain_request USING brin (applied_at);

-- Grain state rows are rewritten on every turn that changes them; free space in each page lets PostgreSQL keep
-- the new version on the same page without touching the indexes (a HOT update), as no indexed column changes.
ALTER TABLE grain_state SET (fillfactor = 70);
