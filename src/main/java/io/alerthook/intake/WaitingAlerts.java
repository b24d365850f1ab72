package io.alerthook.intake;

import io.alerthook.alert.Notification;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.BlockingQueueFactory;

import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queues of the dispatch partitions ({@code queueFactory} of their seda endpoints), bounded together by the alerts
 * waiting in them rather than by notifications: a notification holds one alert or a thousand, and what waits is in
 * memory. A notification that would take them past {@code alerthook.intake.max-waiting-alerts} is refused (the
 * {@link IllegalStateException} of a full queue: intake answers 503 and Alertmanager retries); it is counted until a
 * partition takes it out.
 */
public final class WaitingAlerts implements BlockingQueueFactory<Exchange> {

    private final int max;
    private final AtomicInteger waiting = new AtomicInteger();

    public WaitingAlerts(int max) {
        this.max = max;
    }

    public int waiting() {
        return waiting.get();
    }

    @Override
    public BlockingQueue<Exchange> create() {
        return new Queue();
    }

    /** The count seda asks for is left aside: the alerts bound the queues. */
    @Override
    public BlockingQueue<Exchange> create(int size) {
        return new Queue();
    }

    private static int alertsOf(Object exchange) {
        return exchange instanceof Exchange e && e.getIn().getBody() instanceof Notification notification
                ? Math.max(1, notification.alerts().size()) : 1;
    }

    /**
     * An unbounded queue that counts the alerts of what it holds. Seda's producer adds without waiting, so a full
     * queue refuses at once, whichever way an exchange is put in.
     */
    private final class Queue extends LinkedBlockingQueue<Exchange> {

        @Override
        public boolean offer(Exchange exchange) {
            int alerts = alertsOf(exchange);
            if (waiting.addAndGet(alerts) > max) {
                waiting.addAndGet(-alerts);
                return false;
            }
            if (!super.offer(exchange)) {
                waiting.addAndGet(-alerts);
                return false;
            }
            return true;
        }

        @Override
        public boolean add(Exchange exchange) {
            if (!offer(exchange)) {
                throw new IllegalStateException(waiting.get() + " alerts wait to be dispatched, at most " + max
                        + " may (alerthook.intake.max-waiting-alerts)");
            }
            return true;
        }

        @Override
        public boolean offer(Exchange exchange, long timeout, TimeUnit unit) {
            return offer(exchange);
        }

        @Override
        public void put(Exchange exchange) {
            add(exchange);
        }

        @Override
        public Exchange poll() {
            return taken(super.poll());
        }

        @Override
        public Exchange poll(long timeout, TimeUnit unit) throws InterruptedException {
            return taken(super.poll(timeout, unit));
        }

        @Override
        public Exchange take() throws InterruptedException {
            return taken(super.take());
        }

        @Override
        public boolean remove(Object exchange) {
            boolean removed = super.remove(exchange);
            if (removed) {
                waiting.addAndGet(-alertsOf(exchange));
            }
            return removed;
        }

        @Override
        public int drainTo(Collection<? super Exchange> into, int most) {
            int drained = 0;
            Exchange next;
            while (drained < most && (next = poll()) != null) {
                into.add(next);
                drained++;
            }
            return drained;
        }

        @Override
        public int drainTo(Collection<? super Exchange> into) {
            return drainTo(into, Integer.MAX_VALUE);
        }

        @Override
        public void clear() {
            while (poll() != null) {
                // each one uncounted by poll
            }
        }

        private Exchange taken(Exchange exchange) {
            if (exchange != null) {
                waiting.addAndGet(-alertsOf(exchange));
            }
            return exchange;
        }
    }
}
