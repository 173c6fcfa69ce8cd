-- Orleans' membership table (IMembershipTable), one versioned table per cluster id.
-- orleans_membership_version holds each cluster's table version and its etag. Every membership change (a silo
-- joining, a status change, a suspicion vote) updates that row in the same transaction as the silo's row, and only
-- if the etag is still the one the silo read: the row's lock orders concurrent writers, and a writer that read an
-- older version finds another etag and fails, as Orleans' protocol requires. IAmAlive heartbeats touch neither.
-- Etags are new random values on every write, so an etag never matches a row removed and re-created.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    cluster_id text    NOT NULL,
    version    integer NOT NULL CHECK (version >= 0),
    etag       text    NOT NULL,
    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (cluster_id)
);

-- One row per silo incarnation: a silo restarted on the same address and port is a new generation, a new row.
-- status is SiloStatus by name (Joining, Active, Dead, ...), for operators reading the table. A suspicion vote is
-- a pair of suspecting_silos[i] (SiloAddress in Orleans' parsable form) and suspect_times[i]; both are NULL when
-- the entry has no list at all. role_name, update_zone and fault_zone are Orleans' optional placement hints.
CREATE TABLE IF NOT EXISTS orleans_membership (
    cluster_id       text          NOT NULL,
    address          inet          NOT NULL,
    port             integer       NOT NULL,
    generation       integer       NOT NULL,
    silo_name        text          NOT NULL,
    host_name        text          NOT NULL,
    status           text          NOT NULL,
    proxy_port       integer       NOT NULL,
    role_name        text          NULL,
    update_zone      integer       NOT NULL DEFAULT 0,
    fault_zone       integer       NOT NULL DEFAULT 0,
    start_time       timestamptz   NOT NULL,
    i_am_alive_time  timestamptz   NOT NULL,
    suspecting_silos text[]        NULL,
    suspect_times    timestamptz[] NULL,
    etag             text          NOT NULL,
    CONSTRAINT orleans_membership_pk PRIMARY KEY (cluster_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fk FOREIGN KEY (cluster_id) REFERENCES orleans_membership_version (cluster_id) ON DELETE CASCADE,
    CONSTRAINT orleans_membership_votes_check CHECK (
        (suspecting_silos IS NULL) = (suspect_times IS NULL)
        AND coalesce(cardinality(suspecting_silos) = cardinality(suspect_times), true))
);
