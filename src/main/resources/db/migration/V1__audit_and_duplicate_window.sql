-- The audit records, each kept whole (the fields of the file engine's journal lines), with the fields that
-- searches and retention use as columns.
CREATE TABLE audit_event (
    id           bigserial   PRIMARY KEY,
    time         timestamptz NOT NULL,
    event        text        NOT NULL,
    outcome      text,
    fingerprint  text,
    alertname    text,
    notification text,
    record       jsonb       NOT NULL
);
CREATE INDEX audit_event_fingerprint ON audit_event (fingerprint, id);
CREATE INDEX audit_event_alertname ON audit_event (alertname, id);
CREATE INDEX audit_event_time ON audit_event (time);

-- The duplicate window: a notification's key and when it was last accepted (the database's clock).
CREATE TABLE notification_key (
    duplicate_key text        PRIMARY KEY,
    accepted_at   timestamptz NOT NULL
);
CREATE INDEX notification_key_accepted_at ON notification_key (accepted_at);
