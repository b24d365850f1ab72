package io.alerthook.slack;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifest a user pastes to create the Slack app asks for what alerthook needs, and sends presses where it listens. */
class SlackAppManifestTest {

    @Test
    @SuppressWarnings("unchecked")
    void asksToPostAndSendsButtonPressesToTheInteractivityEndpoint() throws Exception {
        Map<String, Object> manifest = new Yaml().load(Files.readString(Path.of("compose/slack-app-manifest.yaml")));

        Map<String, Object> scopes = (Map<String, Object>) ((Map<String, Object>) manifest.get("oauth_config")).get("scopes");
        assertThat((List<String>) scopes.get("bot")).containsExactly("chat:write", "chat:write.public");
        Map<String, Object> interactivity = (Map<String, Object>) ((Map<String, Object>) manifest.get("settings")).get("interactivity");
        assertThat(interactivity.get("is_enabled")).isEqualTo(true);
        String path = "/hooks/slack/interactions";
        assertThat((String) interactivity.get("request_url")).startsWith("https://").endsWith(path);
        assertThat(Files.readString(Path.of("routes/slack-actions.camel.yaml"))).contains("uri: platform-http:" + path);
        assertThat(((Map<String, Object>) ((Map<String, Object>) manifest.get("features")).get("bot_user")).get("display_name"))
                .isEqualTo("alerthook");
    }
}
