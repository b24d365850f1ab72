package io.alerthook.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label matcher in Alertmanager's syntax: {@code name="value"}, {@code name!="value"},
 * {@code name=~"regex"}, {@code name!~"regex"}. Regexes are anchored, as in Alertmanager.
 */
public record LabelMatcher(String label, String operator, String value, Pattern regex) {

    private static final Pattern ONE = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\"\\s]*))\\s*(,|$)");

    /** Parses a comma-separated list such as {@code job="web-app", instance=~"web-.*"}; blank means none. */
    public static List<LabelMatcher> parseAll(String matchers) {
        List<LabelMatcher> parsed = new ArrayList<>();
        if (matchers == null || matchers.isBlank()) {
            return parsed;
        }
        Matcher m = ONE.matcher(matchers);
        int position = 0;
        while (position < matchers.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new IllegalArgumentException("bad label matcher at \"" + matchers.substring(position)
                        + "\": expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
            }
            String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4);
            String operator = m.group(2);
            Pattern regex = operator.endsWith("~") ? Pattern.compile(value) : null;
            parsed.add(new LabelMatcher(m.group(1), operator, value, regex));
            position = m.end();
        }
        return parsed;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (operator) {
            case "=" -> actual.equals(value);
            case "!=" -> !actual.equals(value);
            case "=~" -> regex.matcher(actual).matches();
            default -> !regex.matcher(actual).matches();
        };
    }
}
