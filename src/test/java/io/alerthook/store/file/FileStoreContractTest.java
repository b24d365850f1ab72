package io.alerthook.store.file;

import io.alerthook.store.Store;
import io.alerthook.store.StoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** The store contract on the file engine: the journal in a folder of its own, opened again for each restart. */
class FileStoreContractTest extends StoreContract {

    @TempDir
    Path dir;

    private FileStore store;

    @Override
    protected Store open() throws IOException {
        close();
        store = new FileStore(new JsonLinesFile(dir.resolve("audit.jsonl"), MAPPER, 1 << 20, 3), MAPPER, WINDOW, 1000, Clock.systemUTC(), REPLICA);
        return store;
    }

    @Override
    protected void close() throws IOException {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
