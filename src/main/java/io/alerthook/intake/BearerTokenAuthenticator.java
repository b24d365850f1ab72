package io.alerthook.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the {@code Authorization: Bearer ...} header Alertmanager sends from {@code http_config.authorization}.
 * An empty configured token turns authentication off.
 */
public final class BearerTokenAuthenticator {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerTokenAuthenticator(String token) {
        this.expected = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isEnabled() {
        return expected.length > 0;
    }

    public boolean accepts(String authorizationHeader) {
        if (!isEnabled()) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual takes the same time whatever the position of the first differing byte.
        return MessageDigest.isEqual(expected, presented);
    }
}
