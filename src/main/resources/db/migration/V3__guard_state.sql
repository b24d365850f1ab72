-- The healing guard's state, one row per playbook and alert: since when a run goes on (null when none does), when
-- the last run ended, and the failed runs since the last success. A change locks the row (healing/HealingGuard).
CREATE TABLE guard_state (
    playbook      text          NOT NULL,
    fingerprint   text          NOT NULL,
    running_since timestamptz,
    last_ended    timestamptz,
    failures      timestamptz[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (playbook, fingerprint)
);
CREATE INDEX guard_state_last_ended ON guard_state (last_ended);
