-- Every operator and admin action: who, when, what, on what, why. Append-only.
CREATE TABLE IF NOT EXISTS audit_log (
    id      uuid        PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    target  text        NOT NULL,
    reason  text        NOT NULL,
    details jsonb       NULL
);

CREATE INDEX IF NOT EXISTS audit_log_at_ix ON audit_log (at DESC);
CREATE INDEX IF NOT EXISTS audit_log_target_ix ON audit_log (target, at DESC);
