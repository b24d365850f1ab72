package io.alerthook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {{alerthook.*}} placeholder the routes read is a setting AlerthookProperties binds and checks. */
class RoutePlaceholdersTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(alerthook\\.[a-z0-9.-]+)}}");

    @Test
    void everyAlerthookPlaceholderInTheRoutesIsABoundSetting() throws IOException {
        Set<String> placeholders = new TreeSet<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(file -> file.toString().endsWith(".camel.yaml")).toList()) {
                Matcher placeholder = PLACEHOLDER.matcher(Files.readString(route));
                while (placeholder.find()) {
                    placeholders.add(placeholder.group(1));
                }
            }
        }

        assertThat(placeholders).hasSizeGreaterThanOrEqualTo(5).allSatisfy(name -> assertThat(bound(name)).as(name).isTrue());
        assertThat(bound("alerthook.slack.retry.max-retries")).as("a setting no longer there").isFalse();
    }

    /** Whether the dotted kebab-case name leads through AlerthookProperties' records to a component. */
    private static boolean bound(String name) {
        Class<?> type = AlerthookProperties.class;
        for (String part : name.substring("alerthook.".length()).split("\\.")) {
            String component = camelCase(part);
            RecordComponent found = type.isRecord() ? Arrays.stream(type.getRecordComponents())
                    .filter(candidate -> candidate.getName().equals(component)).findFirst().orElse(null) : null;
            if (found == null) {
                return false;
            }
            type = found.getType();
        }
        return true;
    }

    private static String camelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        for (String word : kebab.split("-")) {
            camel.append(camel.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return camel.toString();
    }
}
