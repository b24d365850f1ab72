package io.alerthook.alert;

/** A single alert on its way through the flow, with the context of its group. */
public record AlertEvent(Alert alert, AlertGroup group) {
}
