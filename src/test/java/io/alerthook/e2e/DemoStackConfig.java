package io.alerthook.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo stack's configuration, read from compose/ and changed only in hosts and timings, so that the
 * end-to-end test and {@code docker compose up} run the same rules, routes and receivers. Every expected
 * string must still be in the compose file: if someone changes it, this fails instead of drifting.
 */
final class DemoStackConfig {

    static final Path COMPOSE = Path.of("compose");

    private DemoStackConfig() {
    }

    static String prometheus(int prometheusPort, int alertmanagerPort, int webAppPort, int alerthookPort, Path rules)
            throws IOException {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("scrape_interval: 15s", "scrape_interval: 1s");
        changes.put("evaluation_interval: 15s", "evaluation_interval: 1s");
        changes.put("scrape_interval: 5s", "scrape_interval: 1s");
        changes.put("\"rules.yml\"", "\"" + rules.toAbsolutePath() + "\"");
        changes.put("\"alerthook-rules.yml\"", "\"" + COMPOSE.resolve("prometheus/alerthook-rules.yml").toAbsolutePath() + "\"");
        changes.put("alertmanager:9093", "127.0.0.1:" + alertmanagerPort);
        changes.put("localhost:9090", "127.0.0.1:" + prometheusPort);
        changes.put("web-app:8000", "127.0.0.1:" + webAppPort);
        changes.put("alerthook:8080", "127.0.0.1:" + alerthookPort);
        return changed(COMPOSE.resolve("prometheus/prometheus.yml"), changes);
    }

    static String rules() throws IOException {
        return changed(COMPOSE.resolve("prometheus/rules.yml"), Map.of("for: 1m", "for: 2s"));
    }

    static String alertmanager(int alerthookPort, Path tokenFile) throws IOException {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("group_wait: 10s", "group_wait: 1s");
        changes.put("group_interval: 10s", "group_interval: 1s");
        changes.put("alerthook:8080", "127.0.0.1:" + alerthookPort);
        changes.put("/tmp/alerthook-token", tokenFile.toAbsolutePath().toString());
        return changed(COMPOSE.resolve("alertmanager/alertmanager.yml"), changes);
    }

    private static String changed(Path file, Map<String, String> changes) throws IOException {
        String text = Files.readString(file);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (!text.contains(change.getKey())) {
                throw new IllegalStateException(file + " no longer contains \"" + change.getKey()
                        + "\": update DemoStackConfig together with it");
            }
            text = text.replace(change.getKey(), change.getValue());
        }
        return text;
    }
}
