-- The replica whose run is going on, so that a replica starting again ends only its own runs cut off.
ALTER TABLE guard_state ADD COLUMN runner text;
-- Runs recorded before were a single alerthook's, which is starting again now: they were cut off.
UPDATE guard_state SET last_ended = running_since, running_since = NULL WHERE running_since IS NOT NULL;
