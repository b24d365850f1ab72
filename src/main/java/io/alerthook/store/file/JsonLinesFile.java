package io.alerthook.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.store.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Append-only JSON Lines file: {@link #append} returns once its records are forced to disk, so a record that was
 * appended survives a crash whole.
 * <p>
 * Group commit ({@link GroupCommit}): callers serialise their records themselves and queue them; one writer thread
 * takes everything queued, writes it with one write and one {@code force}, then releases all those callers at once.
 * Under load many notifications share one fsync instead of waiting for one each.
 * <p>
 * The file rotates when it would grow past {@code maxFileBytes}: it is renamed {@code <name>-<UTC time>.<ext>}
 * beside it, and rotated files beyond {@code maxFiles} are deleted, oldest first. A line cut short by a crash
 * (never acknowledged) is removed when the file is opened.
 */
public final class JsonLinesFile implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_GROUP_BYTES = 4 * 1024 * 1024;

    private final ObjectMapper mapper;
    private final Path file;
    private final long maxFileBytes;
    private final int maxFiles;
    private final GroupCommit<byte[], Void> writer;
    private FileChannel channel;
    private volatile String lastFailure;

    public JsonLinesFile(Path file, ObjectMapper mapper, long maxFileBytes, int maxFiles) throws IOException {
        this.file = file;
        this.mapper = mapper;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = open();
        // a failure to write is the file's, never one batch's
        this.writer = new GroupCommit<>("writer-" + file.getFileName(), MAX_GROUP_BYTES, lines -> lines.length, this::write, failure -> false);
    }

    /** Why records cannot be written now (the last append failed, or the file is not writable); empty if they can. */
    public Optional<String> problem() {
        if (lastFailure != null) {
            return Optional.of(lastFailure);
        }
        return Files.isWritable(file) ? Optional.empty() : Optional.of(file + " is not writable");
    }

    public Path file() {
        return file;
    }

    /**
     * Deletes the rotated files last written before {@code cutoff} (the current file is never deleted); returns how
     * many went.
     */
    public int deleteRotatedBefore(Instant cutoff) throws IOException {
        int deleted = 0;
        for (Path rotated : rotatedFiles()) {
            if (Files.getLastModifiedTime(rotated).toInstant().isBefore(cutoff) && Files.deleteIfExists(rotated)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** The rotated files and then the current one, oldest first. */
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>(rotatedFiles());
        files.add(file);
        return files;
    }

    /** Appends the records and returns once they are durable; throws if they cannot be made so. */
    public void append(List<?> events) {
        try {
            appendLater(events).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Hands the records to the writer and returns at once: they are written in the order handed over, and the future
     * completes once they are durable (or fails, saying why).
     */
    public CompletableFuture<Void> appendLater(List<?> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // a record is about 0.8 KB: written straight into the batch, which seldom grows
        ByteArrayOutputStream lines = new ByteArrayOutputStream(1024 * events.size());
        try {
            for (Object event : events) {
                mapper.writeValue(lines, event);
                lines.write('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record cannot be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.submit(lines.toByteArray()).whenComplete((written, failure) -> lastFailure = failure == null ? null
                : String.valueOf(failure.getCause() == null ? failure.getMessage() : failure.getCause()));
    }

    /** Writes a group of batches of lines with one write and one {@code force}. */
    private List<Void> write(List<byte[]> group) {
        try {
            long left = group.stream().mapToLong(lines -> lines.length).sum();
            if (channel.size() > 0 && channel.size() + left > maxFileBytes) {
                rotate();
            }
            ByteBuffer[] buffers = group.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
            while (left > 0) {
                left -= channel.write(buffers);
            }
            channel.force(false);
            return Collections.nCopies(group.size(), null);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot write " + file, e instanceof IOException io ? io : new IOException(e));
        }
    }

    private void rotate() throws IOException {
        channel.close();
        Instant now = Instant.now();
        Path rotated;
        while (Files.exists(rotated = file.resolveSibling(baseName() + "-" + ROTATED.format(now) + extension()))) {
            now = now.plusMillis(1);
        }
        Files.move(file, rotated, StandardCopyOption.ATOMIC_MOVE);
        channel = open();
        List<Path> rotatedFiles = rotatedFiles();
        for (Path old : rotatedFiles.subList(0, Math.max(0, rotatedFiles.size() - maxFiles))) {
            Files.deleteIfExists(old);
        }
    }

    private FileChannel open() throws IOException {
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long complete = endOfLastLine(opened);
        if (complete < opened.size()) {
            LOG.warn("{}: removing {} bytes of a record cut short by a crash (it had not been acknowledged)", file, opened.size() - complete);
            opened.truncate(complete);
            opened.force(false);
        }
        opened.position(complete);
        return opened;
    }

    private static long endOfLastLine(FileChannel channel) throws IOException {
        long position = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (position > 0) {
            one.clear();
            channel.read(one, position - 1);
            if (one.get(0) == '\n') {
                return position;
            }
            position--;
        }
        return 0;
    }

    private List<Path> rotatedFiles() throws IOException {
        String prefix = baseName() + "-";
        Path directory = file.toAbsolutePath().getParent();
        try (Stream<Path> siblings = Files.list(directory)) {
            return siblings.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(extension()) && name.length() == prefix.length() + 20 + extension().length();
            }).sorted().toList();
        }
    }

    private String baseName() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private String extension() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    @Override
    public void close() throws IOException {
        writer.close();
        channel.close();
    }
}
