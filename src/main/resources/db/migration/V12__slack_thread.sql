-- The Slack thread of each incident (an alert group at one destination) posted as a Slack app: its parent message
-- (channel ID and ts), whether the incident resolved, and what the thread shows (slack/SlackThreads' JSON).
CREATE TABLE slack_thread (
    destination text        NOT NULL,
    group_key   text        NOT NULL,
    channel     text        NOT NULL,
    ts          text        NOT NULL,
    resolved    boolean     NOT NULL,
    state       text        NOT NULL,
    changed     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (destination, group_key)
);
