package io.alerthook.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Secrets that protect nothing: the placeholder of compose/.env.example is published, so a start with it is refused;
 * a short one is guessable, so it is warned about at startup. For basic auth the password (after the first {@code :}) is checked.
 */
final class SecretStrength {

    static final String PLACEHOLDER_PREFIX = "change-me";
    static final int SHORTEST_ADVISED = 16;

    private static final String HOW_TO_MAKE_ONE = "make one with `openssl rand -hex 32`";

    private SecretStrength() {
    }

    /** Throws for a placeholder; returns a warning for each short secret, which names the setting, never the secret. */
    static List<String> check(String property, List<String> secrets) {
        List<String> warnings = new ArrayList<>();
        for (String entry : secrets) {
            String secret = entry.substring(entry.indexOf(':') + 1);
            if (secret.toLowerCase(Locale.ROOT).startsWith(PLACEHOLDER_PREFIX)) {
                throw new InvalidCredentialsException(property + " is still the published placeholder (\"" + PLACEHOLDER_PREFIX
                        + "...\"): " + HOW_TO_MAKE_ONE);
            }
            if (secret.length() < SHORTEST_ADVISED) {
                warnings.add(property + " has a secret of " + secret.length() + " characters, which is easy to guess: use "
                        + SHORTEST_ADVISED + " or more (" + HOW_TO_MAKE_ONE + ")");
            }
        }
        return warnings;
    }
}
