package io.alerthook.alert;

import java.util.List;

/** A notification beyond intake's limits (alerts per notification, string length): answered 413, not 400. */
public class NotificationTooLargeException extends InvalidNotificationException {

    public NotificationTooLargeException(String problem) {
        super(List.of(problem));
    }
}
