-- Durable reminders. period_ms NULL means a one-time reminder.
CREATE TABLE IF NOT EXISTS grain_reminders (
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    name         text        NOT NULL,
    partition_id integer     NOT NULL,
    next_due     timestamptz NOT NULL,
    period_ms    bigint      NULL CHECK (period_ms IS NULL OR period_ms > 0),
    CONSTRAINT grain_reminders_pk PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX IF NOT EXISTS grain_reminders_due_ix ON grain_reminders (next_due);
