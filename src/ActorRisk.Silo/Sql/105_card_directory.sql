-- Cards are found by last four digits and by merchants they were used at, from each card's small
-- 'card-directory' state. That state gets a table of its own (runtime migration 004) and only that table is
-- indexed, so the cards' own state, rewritten on every authorization, keeps its in-place (HOT) updates.
SELECT grain_state_dedicate_type('card', 'grain_state_card');
SELECT grain_state_dedicate_state('grain_state_card', 'card-directory', 'grain_state_card_directory');

CREATE INDEX IF NOT EXISTS grain_state_card_directory_last4_ix
    ON grain_state_card_directory ((state->>'last4'), grain_key);

CREATE INDEX IF NOT EXISTS grain_state_card_directory_merchants_ix
    ON grain_state_card_directory USING gin ((state->'merchants') jsonb_path_ops);
