-- GET /audit?event=slack&outcome=failed (the dead letters) and the like.
CREATE INDEX audit_event_event_outcome ON audit_event (event, outcome, id);
