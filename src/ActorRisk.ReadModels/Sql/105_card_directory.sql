-- The card directory: which card was seen with which last four digits at which merchant, so the risk team finds
-- cards by last four and merchant. A search index pointing at card grains (their state stays the record), filled
-- a second's sightings at a time in one statement, so authorizations write nothing more. The full card number is
-- never here: only the keyed token and the last four digits.
CREATE TABLE IF NOT EXISTS card_directory (
    last4         text        NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    merchant_id   text        NOT NULL,
    card_token    text        NOT NULL,
    first_seen_at timestamptz NOT NULL,
    CONSTRAINT card_directory_pk PRIMARY KEY (last4, merchant_id, card_token)
);

CREATE INDEX IF NOT EXISTS card_directory_merchant_ix ON card_directory (merchant_id, card_token);
