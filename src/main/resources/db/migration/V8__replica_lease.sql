-- Each alerthook sharing this database says it is alive until a time (store/Store.heartbeat); the runs of one whose
-- time has passed are ended by the others.
CREATE TABLE replica_lease (
    replica text        PRIMARY KEY,
    until   timestamptz NOT NULL
);
CREATE INDEX guard_state_runner ON guard_state (runner) WHERE runner IS NOT NULL;
