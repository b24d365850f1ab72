package io.alerthook.audit;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Append-only JSON Lines file. A batch is written with one write and forced to disk before
 * {@link #append} returns, so a record that was appended survives a crash whole.
 */
public final class AuditLog implements Closeable {

    private final ObjectMapper mapper;
    private final Path file;
    private final FileChannel channel;

    public AuditLog(Path file, ObjectMapper mapper) throws IOException {
        this.file = file;
        this.mapper = mapper;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(List<?> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            ByteArrayOutputStream lines = new ByteArrayOutputStream(256 * events.size());
            for (Object event : events) {
                lines.write(mapper.writeValueAsBytes(event));
                lines.write('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
