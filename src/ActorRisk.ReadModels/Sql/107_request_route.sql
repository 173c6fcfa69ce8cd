-- Which grain answered a request id (scope 'authorization': the card token; 'sales-batch', 'dispute', 'fraud-report':
-- the merchant id), so an issuer outcome sent with an authorization id only finds its card, and an id reused for another
-- card or merchant is refused. Each grain keeps its own answered ids in its state (the replay itself); this is the index
-- over them, filled a second's requests at a time in one statement by each silo's forwarder. Rows older than the
-- idempotency retention are deleted in slices; answered_at grows with insertion order, so a BRIN index finds them cheaply.
CREATE TABLE IF NOT EXISTS request_route (
    scope       text        NOT NULL,
    request_id  text        NOT NULL,
    owner       text        NOT NULL,
    answered_at timestamptz NOT NULL,
    CONSTRAINT request_route_pk PRIMARY KEY (scope, request_id)
);

CREATE INDEX IF NOT EXISTS request_route_answered_ix ON request_route USING brin (answered_at);
