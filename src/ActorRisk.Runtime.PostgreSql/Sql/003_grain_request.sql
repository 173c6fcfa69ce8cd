-- Requests applied at most once (an authorization id, a settlement batch id). A row is inserted by the same
-- statement that writes the grain state the request changed, so either both are stored or neither: a retry
-- finds the row, changes nothing and gets the first answer. Rows older than the retention period are purged.
CREATE TABLE IF NOT EXISTS grain_request (
    scope       text        NOT NULL,
    request_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    answer      jsonb       NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grain_request_pk PRIMARY KEY (scope, request_id)
);

CREATE INDEX IF NOT EXISTS grain_request_applied_ix ON grain_request (applied_at);
