package io.alerthook.alert;

import java.util.List;

/** A webhook body that is not a valid Alertmanager notification; the problems say why, by JSON path. */
public class InvalidNotificationException extends RuntimeException {

    private final List<String> problems;

    public InvalidNotificationException(List<String> problems) {
        super("invalid notification: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> getProblems() {
        return problems;
    }
}
