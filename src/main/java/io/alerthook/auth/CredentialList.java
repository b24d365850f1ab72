package io.alerthook.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Valid credentials of one kind (bearer tokens, or basic-auth {@code user:password} pairs), kept only as SHA-256
 * digests. Comparing digests of equal length with {@link MessageDigest#isEqual} against every entry, with no early
 * exit, takes the same time whichever entry matches, how much of it matches, and how long the secret is.
 */
final class CredentialList {

    private final List<byte[]> digests;

    CredentialList(List<String> secrets) {
        this.digests = secrets.stream().map(CredentialList::digest).toList();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    int size() {
        return digests.size();
    }

    boolean contains(String presented) {
        byte[] candidate = digest(presented);
        boolean found = false;
        for (byte[] digest : digests) {
            found |= MessageDigest.isEqual(digest, candidate);
        }
        return found;
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
