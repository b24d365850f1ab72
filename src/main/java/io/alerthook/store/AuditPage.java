package io.alerthook.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The records found, newest first; {@code complete} is false when the search ran out of time. */
public record AuditPage(List<JsonNode> events, boolean complete) {
}
