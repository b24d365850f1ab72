package io.alerthook.intake;

import io.alerthook.alert.Notification;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.BlockingQueueFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queues of the dispatch partitions ({@code queueFactory} of their seda endpoints), bounded together by the alerts
 * waiting in them rather than by notifications: a notification holds one alert or a thousand, and what waits is in
 * memory. A notification that would take them past {@code alerthook.intake.max-waiting-alerts} waits for room, at most
 * {@code alerthook.intake.dispatch-wait} (seda's {@code blockWhenFull}), and is then refused (the
 * {@link IllegalStateException} of a full queue: intake answers 503 and Alertmanager retries). Waiting, not refusing at
 * once, because a refused notification has cost a durable write and its withdrawal for nothing, and its retry costs
 * them again: an overload answered with 503s did less work than one answered a little later (bench/README.md).
 * A notification is counted until a partition takes it out.
 */
public final class WaitingAlerts implements BlockingQueueFactory<Exchange> {

    private final int max;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Notified whenever alerts leave a queue, for the notifications waiting for room. */
    private final Object room = new Object();

    public WaitingAlerts(int max, Duration maxWait) {
        this.max = max;
        this.maxWait = maxWait;
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

    private IllegalStateException full(String why) {
        return new IllegalStateException(waiting.get() + " alerts wait to be dispatched, at most " + max
                + " may (alerthook.intake.max-waiting-alerts)" + why);
    }

    /**
     * Counts the alerts in if they fit. Never over the bound, not even for a moment: a try that does not fit changes
     * nothing, so it wakes no one (waiting notifications would otherwise wake each other in turn while dispatch is full).
     */
    private boolean reserve(int alerts) {
        for (int now = waiting.get(); now + alerts <= max; now = waiting.get()) {
            if (waiting.compareAndSet(now, now + alerts)) {
                return true;
            }
        }
        return false;
    }

    private void left(int alerts) {
        waiting.addAndGet(-alerts);
        synchronized (room) {
            room.notifyAll();
        }
    }

    /**
     * An unbounded queue that counts the alerts of what it holds. {@link #put} (seda's producer with
     * {@code blockWhenFull}) waits for room at most {@code maxWait}; {@link #add} (without) refuses at once.
     */
    private final class Queue extends LinkedBlockingQueue<Exchange> {

        @Override
        public boolean offer(Exchange exchange) {
            int alerts = alertsOf(exchange);
            if (!reserve(alerts)) {
                return false;
            }
            if (!super.offer(exchange)) {
                left(alerts);
                return false;
            }
            return true;
        }

        @Override
        public boolean add(Exchange exchange) {
            if (!offer(exchange)) {
                throw full("");
            }
            return true;
        }

        @Override
        public boolean offer(Exchange exchange, long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            synchronized (room) {
                while (!offer(exchange)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                }
            }
            return true;
        }

        /** Refuses with the reason, rather than waiting forever: seda would swallow an interruption and lose the exchange. */
        @Override
        public void put(Exchange exchange) {
            try {
                if (!offer(exchange, maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw full(", and no room came within " + maxWait.toMillis() + " ms (alerthook.intake.dispatch-wait)");
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw full(", and alerthook is stopping");
            }
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
                left(alertsOf(exchange));
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
                left(alertsOf(exchange));
            }
            return exchange;
        }
    }
}
