package io.alerthook.intake;

import io.alerthook.alert.Notification;
import io.alerthook.support.Fixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchPartitionsTest {

    @Test
    void sendsAGroupAlwaysToTheSamePartitionAndSpreadsGroupsOverAllOfThem() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int partition = 0; partition < 3; partition++) {
                        from("seda:notifications-" + partition).routeId("dispatch-" + partition).routeGroup(DispatchPartitions.GROUP)
                                .log("dispatched");
                    }
                    from("seda:heal").routeId("heal").log("not a partition");
                }
            });
            camel.start();
            DispatchPartitions partitions = new DispatchPartitions(camel);

            Notification db = group("{}:{alertname=\"DiskFull\"}");
            assertThat(IntStream.range(0, 10).map(again -> partitions.of(db)).distinct().toArray()).hasSize(1);

            Set<Integer> used = IntStream.range(0, 100).mapToObj(n -> partitions.of(group("{}:{alertname=\"Alert" + n + "\"}")))
                    .collect(Collectors.toSet());
            assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(partitions.of(group(null))).as("a notification without a group key").isBetween(0, 2);
        }
    }

    private static Notification group(String groupKey) {
        return Fixtures.firingSingle(groupKey, 1);
    }
}
