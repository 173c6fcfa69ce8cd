-- The portal's cookie and antiforgery keys (ASP.NET Core data protection key ring), shared by every silo so a
-- sign-in survives restarts and works on whichever silo answers. Rows are added, never changed; expired keys
-- stay so cookies they protected can still be read until they expire.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name text        PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
