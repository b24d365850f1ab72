package io.alerthook.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.NotificationReader;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void appendsOneJsonObjectPerLineAndKeepsWhatWasThere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/audit.jsonl");
        try (AuditLog log = new AuditLog(file, mapper)) {
            new AuditTrail(log).received(Fixtures.READER.read(Fixtures.bytes(Fixtures.FIRING_TRUNCATED)));
        }
        try (AuditLog reopened = new AuditLog(file, mapper)) {
            new AuditTrail(reopened).received(Fixtures.READER.read(Fixtures.bytes(Fixtures.FIRING_SINGLE)));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        JsonNode first = mapper.readTree(lines.get(0));
        assertThat(first.get("event").asText()).isEqualTo("received");
        assertThat(first.get("fingerprint").asText()).isEqualTo("5298d6592a2412e4");
        assertThat(first.get("alertname").asText()).isEqualTo("HighLatency");
        assertThat(first.get("status").asText()).isEqualTo("firing");
        assertThat(first.get("severity").asText()).isEqualTo("warning");
        assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.has("exitCode")).as("absent details are left out").isFalse();
        assertThat(mapper.readTree(lines.get(5)).get("alertname").asText()).isEqualTo("Application down");
    }
}
