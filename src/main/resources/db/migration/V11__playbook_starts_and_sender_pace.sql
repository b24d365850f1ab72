-- A playbook's concurrency holds across replicas: its starts count the runs going on (store/Store.startRun).
CREATE INDEX guard_state_running ON guard_state (playbook) WHERE running_since IS NOT NULL;

-- A webhook's pace, and a 429's Retry-After, hold whichever replica sends for it next (store/Store.holdSender).
ALTER TABLE sender_claim ADD COLUMN not_before timestamptz NOT NULL DEFAULT '-infinity';
