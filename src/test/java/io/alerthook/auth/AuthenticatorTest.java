package io.alerthook.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    private final Authenticator both = Authenticator.of(List.of("old-token", "new-token"), List.of("am:pa:ss", "am2:other"));

    @Test
    void acceptsEveryConfiguredTokenSoThatATokenCanRotate() {
        assertThat(both.refusal("Bearer old-token")).isEmpty();
        assertThat(both.refusal("Bearer new-token")).isEmpty();
        assertThat(both.refusal("bearer  new-token ")).isEmpty();
    }

    @Test
    void acceptsBasicAuthAsAlertmanagerSendsItWithColonsInThePassword() {
        assertThat(both.refusal(basic("am:pa:ss"))).isEmpty();
        assertThat(both.refusal(basic("am2:other"))).isEmpty();
    }

    @Test
    void refusesWrongCredentialsWithoutSayingWhichPartWasWrong() {
        assertThat(both.refusal("Bearer old-token-and-more")).hasValue("wrong credentials");
        assertThat(both.refusal("Bearer ")).hasValue("wrong credentials");
        assertThat(both.refusal(basic("am:other"))).hasValue("wrong credentials");
        assertThat(both.refusal(basic("am2:pa:ss"))).hasValue("wrong credentials");
    }

    @Test
    void saysWhatToSendWhenCredentialsAreMissingMalformedOrOfAnotherScheme() {
        assertThat(both.refusal(null)).hasValue("missing credentials: send Authorization: Bearer <token> or Basic <user:password>");
        assertThat(both.refusal("Basic %%%")).hasValue("malformed Basic credentials: expected base64 of user:password");
        assertThat(both.refusal(basic("no-colon"))).hasValue("malformed Basic credentials: expected base64 of user:password");
        assertThat(both.refusal("Digest abc")).hasValue("the Digest scheme is not accepted here: send Authorization: Bearer <token> or Basic <user:password>");

        Authenticator bearerOnly = Authenticator.of(List.of("t"), List.of());
        assertThat(bearerOnly.refusal(basic("am:pa:ss"))).hasValue("the Basic scheme is not accepted here: send Authorization: Bearer <token>");
        assertThat(bearerOnly.challenge()).isEqualTo("Bearer realm=\"alerthook\"");
        assertThat(both.challenge()).isEqualTo("Bearer realm=\"alerthook\", Basic realm=\"alerthook\", charset=\"UTF-8\"");
    }

    @Test
    void noCredentialsTurnAuthenticationOff() {
        Authenticator off = Authenticator.of(List.of(""), List.of());

        assertThat(off.isEnabled()).isFalse();
        assertThat(off.refusal(null)).isEmpty();
    }

    @Test
    void readsSecretsFromFilesAndAgainWhenTheyChange(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "# rotated monthly\nfirst\n\n");
        Authenticator authenticator = new Authenticator(List.of(), new SecretFile("alerthook.auth.bearer-token-file", tokens), List.of(), null);
        assertThat(authenticator.refusal("Bearer first")).isEmpty();
        assertThat(authenticator.refusal("Bearer # rotated monthly")).hasValue("wrong credentials");

        Files.writeString(tokens, "second\n");
        Files.setLastModifiedTime(tokens, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(authenticator.refusal("Bearer second")).isEmpty();
        assertThat(authenticator.refusal("Bearer first")).hasValue("wrong credentials");
    }

    @Test
    void keepsTheLastReadSecretsWhenTheFileDisappears(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "am:pw\n");
        Authenticator authenticator = new Authenticator(List.of(), null, List.of(), new SecretFile("alerthook.auth.basic-users-file", users));
        Files.delete(users);

        assertThat(authenticator.refusal(basic("am:pw"))).isEmpty();
    }

    @Test
    void aMissingFileOrAMalformedEntryFailsStartupNamingTheSettingNotTheSecret(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new SecretFile("alerthook.auth.bearer-token-file", dir.resolve("absent")))
                .hasMessageStartingWith("alerthook.auth.bearer-token-file: cannot read ");
        assertThatThrownBy(() -> Authenticator.of(List.of(), List.of("hunter2")))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("alerthook.auth.basic-users: every entry must be user:password");
        Path users = Files.writeString(dir.resolve("users"), "hunter2\n");
        assertThatThrownBy(() -> new Authenticator(List.of(), null, List.of(), new SecretFile("alerthook.auth.basic-users-file", users)))
                .hasMessage("alerthook.auth.basic-users-file: every line must be user:password");
    }

    /** compose/.env.example is published: a stack started with its token as is must not come up. */
    @Test
    void refusesToStartWithThePublishedPlaceholderToken(@TempDir Path dir) throws Exception {
        String placeholder = Files.readAllLines(Path.of("compose/.env.example")).stream()
                .filter(line -> line.startsWith("ALERTHOOK_AUTH_BEARER_TOKEN=")).findFirst().orElseThrow()
                .substring("ALERTHOOK_AUTH_BEARER_TOKEN=".length());
        Path tokens = Files.writeString(dir.resolve("tokens"), "a-real-token-of-32-characters-xx\n" + placeholder + "\n");

        assertThatThrownBy(() -> Authenticator.of(List.of("a-real-token-of-32-characters-xx", placeholder), List.of()))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("alerthook.auth.bearer-token is still the published placeholder (\"change-me...\"): "
                        + "make one with `openssl rand -hex 32`");
        assertThatThrownBy(() -> new Authenticator(List.of(), new SecretFile("alerthook.auth.bearer-token-file", tokens), List.of(), null))
                .hasMessageStartingWith("alerthook.auth.bearer-token-file is still the published placeholder");
        assertThatThrownBy(() -> Authenticator.of(List.of(), List.of("alertmanager:Change-Me")))
                .hasMessageStartingWith("alerthook.auth.basic-users is still the published placeholder");
    }

    @Test
    void warnsOfAShortSecretWithoutSayingIt() {
        Authenticator authenticator = Authenticator.of(List.of("hunter2", "a-real-token-of-32-characters-xx"), List.of("am:pa:ss"));

        assertThat(authenticator.warnings()).containsExactly(
                "alerthook.auth.bearer-token has a secret of 7 characters, which is easy to guess: use 16 or more (make one with `openssl rand -hex 32`)",
                "alerthook.auth.basic-users has a secret of 5 characters, which is easy to guess: use 16 or more (make one with `openssl rand -hex 32`)");
        assertThat(authenticator.refusal("Bearer hunter2")).isEmpty();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
