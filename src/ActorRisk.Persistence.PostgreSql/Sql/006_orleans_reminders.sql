-- Orleans' reminder table (IReminderTable). The old runtime's grain_reminders stays as it was: its rows follow
-- another model (next due time, no ETag) and nothing reads them any more.
-- grain_hash is the grain's uniform hash (an unsigned 32-bit ring position) moved into integer's range with its
-- order kept: stored = hash - 2^31. A ring range (begin, end] is then one index range, or two when it wraps.
-- etag is a new random value on every upsert, so a stale ETag never matches a row removed and re-created.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        interval    NOT NULL,
    etag          text        NOT NULL,
    CONSTRAINT orleans_reminders_pk PRIMARY KEY (grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_hash_ix ON orleans_reminders (grain_hash);
