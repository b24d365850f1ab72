package io.alerthook.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checks the {@code Authorization} header against the credentials Alertmanager's {@code http_config} can send:
 * bearer tokens ({@code authorization}) and basic auth ({@code basic_auth}). Several credentials of each kind may
 * be valid at once, so a secret can be rotated without a window where Alertmanager is refused. With none
 * configured, authentication is off.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer";
    private static final String BASIC = "Basic";

    private final List<String> warnings = new ArrayList<>();
    private final Kind bearerTokens;
    private final Kind basicUsers;

    public Authenticator(List<String> bearerTokens, SecretFile bearerTokenFile, List<String> basicUsers, SecretFile basicUsersFile) {
        this.bearerTokens = new Kind("alerthook.auth.bearer-token", bearerTokens, bearerTokenFile, token -> true, warnings);
        this.basicUsers = new Kind("alerthook.auth.basic-users", basicUsers, basicUsersFile, Authenticator::isUserAndPassword, warnings);
    }

    /** Inline credentials only, e.g. for tests. */
    public static Authenticator of(List<String> bearerTokens, List<String> basicUsers) {
        return new Authenticator(bearerTokens, null, basicUsers, null);
    }

    /** What is weak about the configured credentials (short secrets), to be logged at startup. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public boolean isEnabled() {
        return bearerTokens.isConfigured() || basicUsers.isConfigured();
    }

    /** The {@code WWW-Authenticate} challenge of a 401: the schemes that are configured. */
    public String challenge() {
        List<String> schemes = new ArrayList<>();
        if (bearerTokens.isConfigured()) {
            schemes.add(BEARER + " realm=\"alerthook\"");
        }
        if (basicUsers.isConfigured()) {
            schemes.add(BASIC + " realm=\"alerthook\", charset=\"UTF-8\"");
        }
        return String.join(", ", schemes);
    }

    /** Empty when the request may pass; otherwise why not, in words that give no secret away. */
    public Optional<String> refusal(String authorization) {
        if (!isEnabled()) {
            return Optional.empty();
        }
        if (authorization == null || authorization.isBlank()) {
            return Optional.of("missing credentials: send Authorization: " + expected());
        }
        String[] schemeAndValue = authorization.strip().split("\\s+", 2);
        String scheme = schemeAndValue[0];
        String value = schemeAndValue.length == 2 ? schemeAndValue[1].strip() : "";
        if (scheme.equalsIgnoreCase(BEARER) && bearerTokens.isConfigured()) {
            return bearerTokens.contains(value) ? Optional.empty() : Optional.of("wrong credentials");
        }
        if (scheme.equalsIgnoreCase(BASIC) && basicUsers.isConfigured()) {
            return basicRefusal(value);
        }
        return Optional.of("the " + scheme + " scheme is not accepted here: send Authorization: " + expected());
    }

    private Optional<String> basicRefusal(String encoded) {
        String userAndPassword;
        try {
            userAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("malformed Basic credentials: expected base64 of user:password");
        }
        if (!isUserAndPassword(userAndPassword)) {
            return Optional.of("malformed Basic credentials: expected base64 of user:password");
        }
        return basicUsers.contains(userAndPassword) ? Optional.empty() : Optional.of("wrong credentials");
    }

    private String expected() {
        return Stream.of(bearerTokens.isConfigured() ? "Bearer <token>" : null, basicUsers.isConfigured() ? "Basic <user:password>" : null)
                .filter(scheme -> scheme != null)
                .reduce((a, b) -> a + " or " + b)
                .orElseThrow();
    }

    static boolean isUserAndPassword(String entry) {
        return entry.indexOf(':') > 0;
    }

    /** One kind of credentials: those set inline plus those in a file, re-read when the file changes. */
    private static final class Kind {

        private final List<String> inline;
        private final SecretFile file;
        private final Predicate<String> wellFormed;
        private List<String> fileSecrets;
        private CredentialList valid;

        Kind(String property, List<String> inline, SecretFile file, Predicate<String> wellFormed, List<String> warnings) {
            this.inline = inline.stream().map(String::strip).filter(secret -> !secret.isEmpty()).toList();
            this.file = file;
            this.wellFormed = wellFormed;
            if (!this.inline.stream().allMatch(wellFormed)) {
                throw new InvalidCredentialsException(property + ": every entry must be user:password");
            }
            warnings.addAll(SecretStrength.check(property, this.inline));
            this.valid = new CredentialList(this.inline);
            if (file != null) {
                current();
                if (!fileSecrets.stream().allMatch(wellFormed)) {
                    throw new InvalidCredentialsException(file.property() + ": every line must be user:password");
                }
                warnings.addAll(SecretStrength.check(file.property(), fileSecrets));
            }
        }

        boolean isConfigured() {
            return !inline.isEmpty() || file != null;
        }

        boolean contains(String presented) {
            return current().contains(presented);
        }

        private synchronized CredentialList current() {
            if (file != null && file.secrets() != fileSecrets) {
                fileSecrets = file.secrets();
                valid = new CredentialList(Stream.concat(inline.stream(), fileSecrets.stream().filter(wellFormed)).toList());
            }
            return valid;
        }
    }
}
