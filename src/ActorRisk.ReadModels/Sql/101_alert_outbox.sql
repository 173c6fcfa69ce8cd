-- Merchant alerts: the durable outbox the webhook dispatcher delivers from, and the alert list of the API and portal.
-- delivery: None (no webhook configured when raised), Pending, Delivered, Failed (gave up after MaxAttempts).
CREATE TABLE IF NOT EXISTS alert_outbox (
    id              text        PRIMARY KEY,
    merchant_id     text        NOT NULL,
    kind            text        NOT NULL,
    program         text        NULL,
    month           text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    message         text        NOT NULL,
    delivery        text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NULL,
    delivered_at    timestamptz NULL,
    last_error      text        NULL,
    acknowledged_by text        NULL,
    acknowledged_at timestamptz NULL
);

CREATE INDEX IF NOT EXISTS alert_outbox_due_ix ON alert_outbox (next_attempt_at) WHERE delivery = 'Pending';
CREATE INDEX IF NOT EXISTS alert_outbox_merchant_ix ON alert_outbox (merchant_id, raised_at DESC);
CREATE INDEX IF NOT EXISTS alert_outbox_raised_ix ON alert_outbox (raised_at DESC);
