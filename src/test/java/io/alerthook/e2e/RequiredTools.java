package io.alerthook.e2e;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.List;

/**
 * The real peers these tests run. Missing ones skip the test on a developer's machine, but fail it in CI
 * ({@code CI=true}), where .ci/run installs them.
 */
public final class RequiredTools {

    static final String PYTHON = "/usr/bin/python3";

    private RequiredTools() {
    }

    /** Each check is a command that must exit 0, e.g. {@code prometheus --version}. */
    public static void require(List<List<String>> checks) {
        for (List<String> check : checks) {
            if (!runs(check)) {
                String message = "needs `" + String.join(" ", check) + "` to succeed; .ci/run installs it"
                        + " (Debian packages prometheus, prometheus-alertmanager, python3-flask, python3-prometheus-client, docker-compose,"
                        + " postgresql)";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(message);
                }
                Assumptions.abort(message);
            }
        }
    }

    private static boolean runs(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
