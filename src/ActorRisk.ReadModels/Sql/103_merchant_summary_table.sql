-- Merchant summaries get a table of their own (runtime migration 004), and the list indexes of migration 102
-- move onto it: on grain_state they made every update of every grain's state a non-HOT update (see 004).
DROP INDEX IF EXISTS grain_state_merchant_risk_ix;
DROP INDEX IF EXISTS grain_state_merchant_programs_ix;

SELECT grain_state_dedicate_type('merchant', 'grain_state_merchant');
SELECT grain_state_dedicate_state('grain_state_merchant', 'merchant-summary', 'grain_state_merchant_summary');

CREATE INDEX IF NOT EXISTS grain_state_merchant_summary_risk_ix
    ON grain_state_merchant_summary (((state->>'riskScore')::numeric) DESC, grain_key);

CREATE INDEX IF NOT EXISTS grain_state_merchant_summary_programs_ix
    ON grain_state_merchant_summary USING gin ((state->'programs') jsonb_path_ops);
