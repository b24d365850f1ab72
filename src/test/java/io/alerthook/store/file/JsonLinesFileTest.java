package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditTrail;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesFileTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void appendsOneJsonObjectPerLineAndKeepsWhatWasThere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/audit.jsonl");
        try (FileStore store = fileStore(file)) {
            new AuditTrail(store).accept(Fixtures.READER.read(Fixtures.bytes(Fixtures.FIRING_TRUNCATED)));
        }
        try (FileStore reopened = fileStore(file)) {
            new AuditTrail(reopened).accept(Fixtures.READER.read(Fixtures.bytes(Fixtures.FIRING_SINGLE)));
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

    @Test
    void concurrentAppendsShareWritesAndAllLandWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        int writers = 16;
        int recordsEach = 200;
        try (JsonLinesFile log = new JsonLinesFile(file, mapper, 1 << 30, 3)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < recordsEach; i++) {
                        log.append(List.of(Map.of("writer", writer, "n", i)));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(writers * recordsEach);
        Set<String> distinct = new HashSet<>();
        for (String line : lines) {
            JsonNode record = mapper.readTree(line);
            distinct.add(record.get("writer").asInt() + "/" + record.get("n").asInt());
        }
        assertThat(distinct).hasSize(writers * recordsEach);
    }

    @Test
    void rotatesBySizeKeepingTheNewestFilesAndNoLineSplit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesFile log = new JsonLinesFile(file, mapper, 1000, 2)) {
            for (int i = 0; i < 100; i++) {
                log.append(List.of(Map.of("n", i, "pad", "x".repeat(80))));
            }
            List<Path> files = log.files();

            assertThat(files).hasSize(3).endsWith(file);
            assertThat(files.get(0).getFileName().toString()).matches("audit-\\d{8}T\\d{6}\\.\\d{3}Z\\.jsonl");
            List<Integer> kept = new ArrayList<>();
            for (Path path : files) {
                assertThat(Files.size(path)).isLessThanOrEqualTo(1000);
                for (String line : Files.readAllLines(path)) {
                    kept.add(mapper.readTree(line).get("n").asInt());
                }
            }
            // the newest records, in order, with the oldest files deleted
            assertThat(kept).isSortedAccordingTo(Integer::compare).endsWith(99);
            assertThat(kept.get(0)).isGreaterThan(0);
        }
    }

    @Test
    void deletesTheRotatedFilesLastWrittenBeforeTheCutoffButNeverTheCurrentOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesFile log = new JsonLinesFile(file, mapper, 1000, 10)) {
            for (int i = 0; i < 30; i++) {
                log.append(List.of(Map.of("n", i, "pad", "x".repeat(80))));
            }
            List<Path> files = log.files();
            assertThat(files).hasSizeGreaterThan(2);
            Path oldest = files.get(0);
            Files.setLastModifiedTime(oldest, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(40))));

            assertThat(log.deleteRotatedBefore(Instant.now().minus(Duration.ofDays(30)))).isEqualTo(1);

            assertThat(log.files()).doesNotContain(oldest).contains(file).hasSize(files.size() - 1);
        }
    }

    @Test
    void removesARecordCutShortByACrashWhenOpened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "{\"n\":1}\n{\"n\":2,\"tor");

        try (JsonLinesFile log = new JsonLinesFile(file, mapper, 1 << 20, 3)) {
            log.append(List.of(Map.of("n", 3)));
        }

        assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":3}");
    }

    private FileStore fileStore(Path file) throws IOException {
        return new FileStore(new JsonLinesFile(file, mapper, 1 << 20, 3), mapper, Duration.ofMinutes(5), 100, Clock.systemUTC(), "test");
    }

    @Test
    void anAppendThatCannotBeWrittenFailsTheCaller(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesFile log = new JsonLinesFile(file, mapper, 1 << 20, 3);
        log.close();

        assertThatThrownBy(() -> log.append(List.of(Map.of("n", 1)))).isInstanceOf(IllegalStateException.class);
    }
}
