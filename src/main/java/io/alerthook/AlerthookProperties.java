package io.alerthook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.List;

/** The {@code alerthook.*} settings Java reads; the routes read the rest of application.yaml as placeholders. */
@ConfigurationProperties("alerthook")
public record AlerthookProperties(
        @DefaultValue Intake intake,
        @DefaultValue Auth auth,
        @DefaultValue Slack slack,
        @DefaultValue Healing healing,
        @DefaultValue Audit audit) {

    public record Intake(@DefaultValue("1MB") DataSize maxBodyBytes) {
    }

    public record Auth(@DefaultValue("") String bearerToken) {
    }

    public record Slack(@DefaultValue("") String webhookUrl, @DefaultValue("critical") List<String> severities) {
    }

    public record Healing(@DefaultValue("*") List<String> severities,
                          @DefaultValue({"PATH", "HOME", "LANG", "LC_ALL", "TZ"}) List<String> inheritEnv) {
    }

    public record Audit(@DefaultValue("data/audit.jsonl") Path file) {
    }
}
