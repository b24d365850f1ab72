package io.alerthook.slack;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A FreeMarker template that renders one Slack message (the webhook's JSON body) from the view of an alert group
 * ({@link SlackMessageView}). Interpolations are escaped for Slack and JSON ({@link SlackJsonOutputFormat}).
 * The bundled one is {@code classpath:slack/alerts.json.ftl}; {@code alerthook.slack.template} may name a file.
 */
public final class SlackTemplate {

    public static final String BUNDLED = "classpath:slack/alerts.json.ftl";

    private final String location;
    private final Template template;

    /** @param location {@code classpath:...}, {@code file:...} or a plain path; blank for the bundled template */
    public SlackTemplate(String location) {
        this.location = location == null || location.isBlank() ? BUNDLED : location.strip();
        try {
            this.template = new Template(this.location, new StringReader(read(this.location)), configuration());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("alerthook.slack.template " + this.location + ": no such file");
        } catch (IOException e) {
            // The message says it all; no cause, so that --validate's one line is this message.
            throw new IllegalArgumentException("alerthook.slack.template " + this.location + ": " + e.getMessage());
        }
    }

    public String location() {
        return location;
    }

    public boolean isBundled() {
        return BUNDLED.equals(location);
    }

    public String render(Map<String, Object> view) {
        StringWriter out = new StringWriter(4096);
        try {
            template.process(view, out);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("alerthook.slack.template " + location + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setOutputFormat(SlackJsonOutputFormat.INSTANCE);
        configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        configuration.setNumberFormat("computer");
        configuration.setLocale(Locale.ROOT);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        // A template renders text; it has no business creating Java objects.
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        return configuration;
    }

    private static String read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = SlackTemplate.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no such resource on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
