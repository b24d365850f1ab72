package io.alerthook.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.store.file.FileStore;
import io.alerthook.store.file.JsonLinesFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A file store over a journal of a test's own, as alerthook opens it, for tests that need no running alerthook. */
public final class JournalStores {

    /** The replica the stores write as. */
    public static final String REPLICA = "test";
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private JournalStores() {
    }

    /** Opens (or opens again, as after a restart) the file store whose journal is {@code journal}. */
    public static FileStore open(Path journal, Clock clock) throws IOException {
        return new FileStore(new JsonLinesFile(journal, MAPPER, 1 << 20, 3), MAPPER, Duration.ofMinutes(5), 100, clock, REPLICA);
    }
}
