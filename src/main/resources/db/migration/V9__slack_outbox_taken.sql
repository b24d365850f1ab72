-- How many times a sender took each message from the head of its outbox: more than once, and a sender stopped or
-- died while sending it, so it may have reached Slack already (its sent outcome is then audited "resent").
ALTER TABLE slack_outbox ADD COLUMN taken integer NOT NULL DEFAULT 0;
