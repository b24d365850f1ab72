-- Playbook runs waiting for someone to approve them in Slack (playbooks with approval: "true"), until their deadline;
-- granted: approved, and the run not yet started (store/Store.askApproval and the rest).
CREATE TABLE heal_approval (
    playbook    text        NOT NULL,
    fingerprint text        NOT NULL,
    granted     boolean     NOT NULL DEFAULT false,
    deadline    timestamptz NOT NULL,
    alert       text        NOT NULL,
    PRIMARY KEY (playbook, fingerprint)
);
