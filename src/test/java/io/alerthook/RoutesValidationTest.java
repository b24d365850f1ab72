package io.alerthook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --validate} on copies of the shipped routes/, with one mistake each, as a user would make it. */
class RoutesValidationTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void passesTheShippedRoutes() {
        assertThat(validate("file:routes/*.camel.yaml")).isZero();
        assertThat(said()).isEqualTo("routes OK: 17 routes, 1 playbooks");
    }

    @Test
    void namesTheFileAndPlaybookOfAMisspeltParameter(@TempDir Path routes) throws IOException {
        copyRoutesWithPlaybook(routes, playbook -> playbook.replace("      - {name: args,",
                "      - {name: timout, value: 10s}\n      - {name: args,"));

        assertThat(validate("file:" + routes + "/*.camel.yaml")).isEqualTo(1);
        assertThat(said()).isEqualTo("routes INVALID: file:" + routes + "/playbooks.camel.yaml: playbook \"restart-web-app\": "
                + "unknown parameter timout (known: alertname, approval, approvalTimeout, args, attempts, attemptsWindow, cancelOnResolved, command, "
                + "concurrency, cooldown, dryRun, matchers, name, status, timeout)");
    }

    @Test
    void namesTheFileAndPlaybookOfABadValue(@TempDir Path routes) throws IOException {
        copyRoutesWithPlaybook(routes, playbook -> playbook.replace("      - {name: args,",
                "      - {name: cooldown, value: 5 minutes}\n      - {name: args,"));

        assertThat(validate("file:" + routes + "/*.camel.yaml")).isEqualTo(1);
        assertThat(said()).isEqualTo("routes INVALID: file:" + routes + "/playbooks.camel.yaml: playbook \"restart-web-app\": "
                + "cooldown \"5 minutes\" is not a duration such as 30s, 5m or 1h");
    }

    @Test
    void namesAMissingCommand(@TempDir Path routes) throws IOException {
        copyRoutesWithPlaybook(routes, playbook -> playbook.replace("scripts/restart-web-app.sh", "scripts/restart-wep-app.sh"));

        assertThat(validate("file:" + routes + "/*.camel.yaml")).isEqualTo(1);
        assertThat(said()).startsWith("routes INVALID: file:" + routes + "/playbooks.camel.yaml: playbook \"restart-web-app\": command ")
                .endsWith("scripts/restart-wep-app.sh is not an executable file");
    }

    private int validate(String routesPattern) {
        return RoutesValidation.run(new String[] {"--validate", "--camel.main.routes-include-pattern=" + routesPattern},
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return output.toString(StandardCharsets.UTF_8).trim();
    }

    private static void copyRoutesWithPlaybook(Path target, UnaryOperator<String> change) throws IOException {
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                Files.writeString(target.resolve(file.getFileName()),
                        file.getFileName().toString().equals("playbooks.camel.yaml") ? change.apply(text) : text);
            }
        }
    }
}
