package io.alerthook.healing;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The exchange properties the routes name are those HealExchange defines, or Camel's own: a rename breaks this, not a route. */
class RouteExchangePropertiesTest {

    private static final Pattern NAMED = Pattern.compile("exchangeProperty\\.([A-Za-z]+)|setProperty:\\s+name:\\s+([A-Za-z]+)");
    private static final Set<String> CAMELS_OWN = Set.of(Exchange.DUPLICATE_MESSAGE, Exchange.EXCEPTION_CAUGHT, Exchange.SCHEDULER_POLLED_MESSAGES);

    @Test
    void everyExchangePropertyARouteNamesIsDefinedOnce() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(file -> file.toString().endsWith(".camel.yaml")).toList()) {
                Matcher name = NAMED.matcher(Files.readString(route));
                while (name.find()) {
                    named.add(name.group(1) != null ? name.group(1) : name.group(2));
                }
            }
        }
        Set<String> defined = Arrays.stream(HealExchange.class.getFields()).filter(field -> Modifier.isStatic(field.getModifiers()))
                .map(RouteExchangePropertiesTest::value).collect(Collectors.toCollection(TreeSet::new));

        assertThat(named).isNotEmpty().allSatisfy(name -> assertThat(defined.contains(name) || CAMELS_OWN.contains(name))
                .as(name + " is defined in HealExchange").isTrue());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
