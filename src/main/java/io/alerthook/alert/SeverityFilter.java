package io.alerthook.alert;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The severities one destination takes; {@code *} takes every alert. */
public final class SeverityFilter {

    private static final String ANY = "*";

    private final Set<String> severities;

    public SeverityFilter(List<String> severities) {
        this.severities = severities.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean accepts(AlertEvent event) {
        return severities.contains(ANY) || severities.contains(event.alert().severity());
    }
}
