package io.alerthook;

import io.alerthook.healing.InvalidPlaybookException;
import io.alerthook.healing.PlaybookRoutes;
import org.apache.camel.CamelContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code java -jar alerthook.jar --validate}: loads the routes (and so every playbook) the way a start
 * would, with the same settings, but starts nothing, and says whether they are fine: exit 0, or exit 1
 * with the file, the playbook and the mistake, as {@code amtool check-config} does.
 */
final class RoutesValidation {

    static final String FLAG = "--validate";

    private RoutesValidation() {
    }

    static boolean isRequested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    static int run(String[] args, PrintStream out) {
        Path scratchAudit = scratchAudit();
        SpringApplication application = new SpringApplication(AlerthookApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "camel.main.auto-startup", "false",
                "alerthook.routes.reload-directory", "",
                "spring.main.banner-mode", "off",
                // The verdict is the one line this prints; Spring's own report of the failure would bury it.
                "logging.level.root", "ERROR",
                "logging.level.org.springframework.boot.SpringApplication", "OFF",
                // Loading the routes needs a store to hand to its beans; not the real one.
                "alerthook.audit.file", scratchAudit.toString()));
        String[] settings = Arrays.stream(args).filter(arg -> !arg.equals(FLAG)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = application.run(settings)) {
            CamelContext camel = context.getBean(CamelContext.class);
            long playbooks = context.getBean(PlaybookRoutes.class).endpoints().size();
            out.println("routes OK: " + camel.getRoutes().size() + " routes, " + playbooks + " playbooks");
            return 0;
        } catch (RuntimeException e) {
            out.println("routes INVALID: " + InvalidPlaybookException.describe(e));
            return 1;
        } finally {
            scratchAudit.toFile().delete();
            scratchAudit.getParent().toFile().delete();
        }
    }

    private static Path scratchAudit() {
        try {
            return Files.createTempDirectory("alerthook-validate").resolve("audit.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
