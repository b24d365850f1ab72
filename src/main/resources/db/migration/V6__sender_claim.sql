-- Who sends for each Slack webhook when several alerthooks share this database: one replica at a time, until its
-- lease passes unrenewed (store/Store.claim).
CREATE TABLE sender_claim (
    sender  text        PRIMARY KEY,
    replica text        NOT NULL,
    until   timestamptz NOT NULL
);
