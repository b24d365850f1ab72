package io.alerthook.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * A file of secrets, one per line (blank lines and lines starting with # left out), as Docker and Kubernetes
 * secrets are mounted. It is read again when it changes, so credentials rotate without a restart; if a changed
 * file cannot be read, the secrets read last stay valid and a warning says why.
 */
public final class SecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);

    private final String property;
    private final Path path;
    private FileTime readVersion;
    private List<String> secrets;
    private boolean unreadable;

    /** Reads the file now: a file that is missing or unreadable at startup is a configuration error. */
    public SecretFile(String property, Path path) {
        this.property = property;
        this.path = path;
        try {
            read();
        } catch (IOException e) {
            throw new InvalidCredentialsException(property + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    String property() {
        return property;
    }

    synchronized List<String> secrets() {
        try {
            if (!Files.getLastModifiedTime(path).equals(readVersion)) {
                read();
                LOG.info("{}: read {} credentials from {}", property, secrets.size(), path);
            }
            unreadable = false;
        } catch (IOException e) {
            if (!unreadable) {
                LOG.warn("{}: cannot read {} ({}); the credentials read before stay valid", property, path, e.getClass().getSimpleName());
            }
            unreadable = true;
        }
        return secrets;
    }

    private void read() throws IOException {
        FileTime version = Files.getLastModifiedTime(path);
        secrets = Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        readVersion = version;
    }
}
