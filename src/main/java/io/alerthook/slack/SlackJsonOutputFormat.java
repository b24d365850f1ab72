package io.alerthook.slack;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;

import java.io.IOException;
import java.io.Writer;

/**
 * FreeMarker auto-escaping for Slack message templates: every {@code ${...}} is written as Slack mrkdwn text
 * ({@code & < >} escaped, so a label value cannot become a link or a mention) inside a JSON string. A template
 * author writes JSON with interpolations in its strings and cannot break either.
 */
final class SlackJsonOutputFormat extends CommonMarkupOutputFormat<SlackJsonOutputFormat.Markup> {

    static final SlackJsonOutputFormat INSTANCE = new SlackJsonOutputFormat();

    private SlackJsonOutputFormat() {
    }

    static String escape(String plainText) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(mrkdwn(plainText)));
    }

    /** Slack mrkdwn control characters; alert text is data and must not turn into links or mentions. */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void output(String textToEscape, Writer out) throws IOException {
        out.write(escape(textToEscape));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return escape(plainTextContent);
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Markup(plainTextContent, markupContent);
    }

    @Override
    public String getName() {
        return "slackJson";
    }

    @Override
    public String getMimeType() {
        return "application/json";
    }

    static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {

        Markup(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public SlackJsonOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
