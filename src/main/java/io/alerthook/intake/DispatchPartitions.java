package io.alerthook.intake;

import io.alerthook.alert.Notification;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;

import java.util.Objects;

/**
 * Which dispatch partition a notification goes to: always the same one for the same group, so that one thread
 * dispatches a group's notifications in the order they came. The partitions are the routes of the {@code dispatch}
 * group in routes/dispatch.camel.yaml, counted from the running routes so that they are declared in one place.
 */
public final class DispatchPartitions {

    public static final String GROUP = "dispatch";

    private final CamelContext camelContext;

    public DispatchPartitions(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The partition of the notification's group, from 0. */
    public int of(@Body Notification notification) {
        return Math.floorMod(Objects.hashCode(notification.groupKey()), count());
    }

    private int count() {
        long partitions = camelContext.getRoutes().stream().filter(route -> GROUP.equals(route.getGroup())).count();
        return (int) Math.max(1, partitions);
    }
}
