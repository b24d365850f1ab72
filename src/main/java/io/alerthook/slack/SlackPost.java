package io.alerthook.slack;

import io.alerthook.alert.AlertEvent;

import java.util.List;

/**
 * One message on its way to Slack, with the alerts it is about, so the audit can say, per alert, what became
 * of it. {@code kind} tells a group's alert message ({@code alerts}) from a heal report ({@code heal-report}).
 */
public record SlackPost(String kind, String text, List<AlertEvent> alerts) {
}
