package io.alerthook.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What an audit record is about: the {@code event} field of every record. */
public enum Event {

    /** A notification's alert reached alerthook (outcome none) or was a duplicate. */
    RECEIVED("received"),
    /** A destination's severity filter left the alert out ({@code destination}: slack or heal). */
    FILTERED("filtered"),
    /** What became of a Slack message about the alert. */
    SLACK("slack"),
    /** What healing did about the alert. */
    HEAL("heal"),
    /** What a start did about an alert a stop left unfinished. */
    RECOVERED("recovered"),
    /** Someone pressed a button of the alert's incident in Slack ({@code slackUser}, {@code action}). */
    SLACK_ACTION("slack-action");

    private final String wire;

    Event(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** As written in the audit and in metric tags. */
    @Override
    public String toString() {
        return wire;
    }

    /** The event a record says, null for one it does not know. */
    @JsonCreator
    public static Event of(String wire) {
        return Arrays.stream(values()).filter(event -> event.wire.equals(wire)).findFirst().orElse(null);
    }
}
