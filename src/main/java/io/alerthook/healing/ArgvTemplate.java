package io.alerthook.healing;

import io.alerthook.alert.Alert;
import org.apache.camel.component.exec.impl.ExecParseUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playbook's argument list. It is split into words once, when the playbook is loaded, with the
 * whitespace-and-double-quotes rules of camel-exec's {@code args}. Only then are references to the alert
 * ({@code ${labels.NAME}}, {@code ${annotations.NAME}}, {@code ${alertname}}, {@code ${fingerprint}},
 * {@code ${status}}, {@code ${severity}}) filled in, so every value lands inside exactly one argument,
 * whatever spaces, quotes or shell characters it holds.
 */
public final class ArgvTemplate {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final List<String> FIELDS = List.of("alertname", "fingerprint", "status", "severity");
    private static final String END_OF_OPTIONS = "--";

    private final List<String> words;

    public ArgvTemplate(String args) {
        this.words = args == null || args.isBlank() ? List.of() : ExecParseUtils.splitToWhiteSpaceSeparatedTokens(args);
        for (String word : words) {
            Matcher m = REFERENCE.matcher(word);
            while (m.find()) {
                checkReference(m.group(1));
            }
        }
    }

    /**
     * The argv for one alert. A word that is nothing but a reference is a bare value: if the value starts with
     * {@code -} and the playbook did not write {@code --} before it, the command would read it as an option,
     * so the run is refused.
     */
    public List<String> render(Alert alert) {
        List<String> argv = new ArrayList<>(words.size());
        boolean optionsEnded = false;
        for (String word : words) {
            String value = fill(word, alert);
            boolean bareValue = REFERENCE.matcher(word).matches();
            if (bareValue && !optionsEnded && value.startsWith("-")) {
                throw new UnsafeArgumentException("the value of " + word + " starts with '-' and would be read as an option;"
                        + " write -- before it, or --option=" + word + ", in the playbook's args");
            }
            optionsEnded |= word.equals(END_OF_OPTIONS);
            argv.add(value);
        }
        return argv;
    }

    private static String fill(String word, Alert alert) {
        Matcher m = REFERENCE.matcher(word);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(filled, Matcher.quoteReplacement(valueOf(m.group(1), alert)));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    private static String valueOf(String reference, Alert alert) {
        if (reference.startsWith("labels.")) {
            return alert.labels().getOrDefault(reference.substring("labels.".length()), "");
        }
        if (reference.startsWith("annotations.")) {
            return alert.annotations().getOrDefault(reference.substring("annotations.".length()), "");
        }
        return switch (reference) {
            case "alertname" -> alert.alertname();
            case "fingerprint" -> alert.fingerprint();
            case "status" -> alert.status();
            default -> alert.severity();
        };
    }

    private static void checkReference(String reference) {
        boolean known = FIELDS.contains(reference)
                || (reference.startsWith("labels.") && reference.length() > "labels.".length())
                || (reference.startsWith("annotations.") && reference.length() > "annotations.".length());
        if (!known) {
            throw new IllegalArgumentException("unknown reference ${" + reference + "} in args; use ${labels.NAME}, "
                    + "${annotations.NAME}, ${alertname}, ${fingerprint}, ${status} or ${severity}");
        }
    }
}
