-- The Slack outboxes: the messages waiting, per destination in the order they came (id). A message leaves the table
-- when its outcome is recorded (slack/SlackAudit).
CREATE TABLE slack_outbox (
    id             bigserial   PRIMARY KEY,
    destination    text        NOT NULL,
    coalescing_key text,
    created        timestamptz NOT NULL,
    message        text        NOT NULL
);
CREATE INDEX slack_outbox_destination ON slack_outbox (destination, id);
CREATE INDEX slack_outbox_coalescing_key ON slack_outbox (coalescing_key, id) WHERE coalescing_key IS NOT NULL;
