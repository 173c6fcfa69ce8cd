-- grain_state becomes a table partitioned by grain type, so an application can give one grain type (or one
-- state of it) a table of its own and index that table's state without slowing the others' writes.
-- Why: PostgreSQL updates a row in place (HOT, no index writes) only when no indexed column changes, and an
-- index on an expression over `state` makes every update of any row of the table change an indexed column. One
-- such index for merchant lists turned every card authorization's write into a write of every index.
-- The existing table becomes the DEFAULT partition as it is: its rows, fillfactor and indexes stay.
-- (The runtime's partition_id column is unrelated: it is the grain's hash partition used for write fences.)
DO $$
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = 'grain_state'::regclass) = 'p' THEN
        RETURN;
    END IF;

    ALTER TABLE grain_state RENAME TO grain_state_default;
    ALTER TABLE grain_state_default RENAME CONSTRAINT grain_state_pk TO grain_state_default_pk;
    ALTER INDEX grain_state_partition_ix RENAME TO grain_state_default_partition_ix;

    CREATE TABLE grain_state (
        grain_type     text        NOT NULL,
        grain_key      text        NOT NULL,
        state_name     text        NOT NULL,
        partition_id   integer     NOT NULL,
        version        bigint      NOT NULL CONSTRAINT grain_state_version_check CHECK (version > 0),
        schema_version integer     NOT NULL,
        state          jsonb       NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grain_state_pk PRIMARY KEY (grain_type, grain_key, state_name)
    ) PARTITION BY LIST (grain_type);

    CREATE INDEX grain_state_partition_ix ON grain_state (partition_id);
    ALTER TABLE grain_state ATTACH PARTITION grain_state_default DEFAULT;
END
$$;

-- Gives one grain type a table of its own (partitioned by state name, with a default part for its other
-- states), moving its rows out of the default partition. Idempotent; run it from a migration.
CREATE OR REPLACE FUNCTION grain_state_dedicate_type(p_grain_type text, p_table text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass(p_table) IS NOT NULL THEN
        RETURN;
    END IF;

    -- Nothing may write the type's rows between the copy and the delete.
    LOCK TABLE grain_state IN ACCESS EXCLUSIVE MODE;
    EXECUTE format('CREATE TABLE %I (LIKE grain_state INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (state_name)', p_table);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT WITH (fillfactor = 70)', p_table || '_other', p_table);
    EXECUTE format('INSERT INTO %I SELECT * FROM grain_state_default WHERE grain_type = %L', p_table, p_grain_type);
    EXECUTE format('DELETE FROM grain_state_default WHERE grain_type = %L', p_grain_type);
    EXECUTE format('ALTER TABLE grain_state ATTACH PARTITION %I FOR VALUES IN (%L)', p_table, p_grain_type);
END
$$;

-- Gives one state of a dedicated grain type a table of its own (say, a summary that lists are queried and
-- indexed on), moving its rows out of the type's default part. Idempotent; run it from a migration.
CREATE OR REPLACE FUNCTION grain_state_dedicate_state(p_type_table text, p_state_name text, p_table text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass(p_table) IS NOT NULL THEN
        RETURN;
    END IF;

    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', p_type_table);
    EXECUTE format('CREATE TABLE %I (LIKE grain_state INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (fillfactor = 70)', p_table);
    EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE state_name = %L', p_table, p_type_table || '_other', p_state_name);
    EXECUTE format('DELETE FROM %I WHERE state_name = %L', p_type_table || '_other', p_state_name);
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%L)', p_type_table, p_table, p_state_name);
END
$$;
