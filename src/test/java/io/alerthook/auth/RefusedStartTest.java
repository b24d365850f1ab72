package io.alerthook.auth;

import io.alerthook.AlerthookApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docker compose up with .env.example as it is: alerthook does not come up, and says in a few lines why. */
@ExtendWith(OutputCaptureExtension.class)
class RefusedStartTest {

    @Test
    void thePublishedPlaceholderTokenStopsTheStartWithAShortExplanation(@TempDir Path dir, CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0",
                "--alerthook.audit.file=" + dir.resolve("audit.jsonl"),
                "--alerthook.routes.reload-directory=",
                "--alerthook.auth.bearer-token=change-me-to-a-long-random-string"))
                .hasRootCauseInstanceOf(InvalidCredentialsException.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("alerthook's credentials cannot be used: alerthook.auth.bearer-token is still the published placeholder"
                        + " (\"change-me...\"): make one with `openssl rand -hex 32`")
                .doesNotContain("change-me-to-a-long-random-string");
    }
}
