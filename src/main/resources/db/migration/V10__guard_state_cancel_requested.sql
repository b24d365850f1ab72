-- A cancel asked for by another replica (cancelOnResolved), for the runner to pick up at its next heartbeat.
ALTER TABLE guard_state ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
