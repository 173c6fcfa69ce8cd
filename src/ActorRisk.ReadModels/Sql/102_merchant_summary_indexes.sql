-- Lists of merchants by risk read the merchants' summary rows in grain_state (state 'merchant-summary').
-- Riskiest first is an index range, and program/status filters use jsonb containment on the programs array.
CREATE INDEX IF NOT EXISTS grain_state_merchant_risk_ix
    ON grain_state (((state->>'riskScore')::numeric) DESC, grain_key)
    WHERE grain_type = 'merchant' AND state_name = 'merchant-summary';

CREATE INDEX IF NOT EXISTS grain_state_merchant_programs_ix
    ON grain_state USING gin ((state->'programs') jsonb_path_ops)
    WHERE grain_type = 'merchant' AND state_name = 'merchant-summary';
