package io.alerthook.slack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The buttons on an incident's parent message in Slack: what each does is {@link SlackActions}'. */
public enum SlackButton {

    ACKNOWLEDGE("acknowledge", "Acknowledge", null),
    SILENCE_1H("silence-1h", "Silence 1h", Duration.ofHours(1)),
    SILENCE_4H("silence-4h", "Silence 4h", Duration.ofHours(4)),
    SILENCE_24H("silence-24h", "Silence 24h", Duration.ofHours(24)),
    /** Runs a playbook's command that waits for approval (the button names the playbook and the alert). */
    APPROVE("approve", "Approve", null),
    /** Skips it. */
    SKIP("skip", "Skip", null);

    /** The buttons every incident's parent has. */
    public static final List<SlackButton> INCIDENT = List.of(ACKNOWLEDGE, SILENCE_1H, SILENCE_4H, SILENCE_24H);

    private final String actionId;
    private final String label;
    private final Duration silence;

    SlackButton(String actionId, String label, Duration silence) {
        this.actionId = actionId;
        this.label = label;
        this.silence = silence;
    }

    /** Names the button in Slack's interaction payloads, and the action in the audit. */
    public String actionId() {
        return actionId;
    }

    public String label() {
        return label;
    }

    /** Whether the button decides a playbook run's approval. */
    public boolean decidesApproval() {
        return this == APPROVE || this == SKIP;
    }

    /** How long the button silences the incident's group; empty for a button that silences nothing. */
    public Optional<Duration> silence() {
        return Optional.ofNullable(silence);
    }

    public static Optional<SlackButton> of(String actionId) {
        return Arrays.stream(values()).filter(button -> button.actionId.equals(actionId)).findFirst();
    }

    @Override
    public String toString() {
        return actionId;
    }
}
