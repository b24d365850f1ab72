package io.alerthook.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Group commit, as both engines write: callers queue items, and one writer thread takes everything queued (up to a
 * weight) and commits it as one group: one write and one {@code force} of the journal, or one PostgreSQL transaction.
 * Under load many callers share one commit instead of paying for one each. Items are committed in the order queued.
 * <p>
 * A caller gets a future of its item's result. If a group fails and {@code oneItemMayBeTheCause} says the failure may
 * be one item's (not the storage's), each item is committed again alone, so that one bad item fails alone.
 * <p>
 * Hand-written: neither Spring nor Camel has a group commit whose callers wait for their own item's result.
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    /** Commits a group as one, returning each item's result in order; throws if the group was not committed. */
    @FunctionalInterface
    public interface Commit<T, R> {
        List<R> commit(List<T> group) throws Exception;
    }

    private record Queued<T, R>(T item, CompletableFuture<R> result) {
    }

    private final String name;
    private final int maxGroupWeight;
    private final ToIntFunction<T> weight;
    private final Commit<T, R> commit;
    private final Predicate<Exception> oneItemMayBeTheCause;
    private final BlockingQueue<Queued<T, R>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Queued by {@link #close}: the writer stops when it gets there. */
    private final Queued<T, R> stop = new Queued<>(null, new CompletableFuture<>());
    private boolean closed;

    /** {@code name}: of the writer thread, and what a caller is told is closed. */
    public GroupCommit(String name, int maxGroupWeight, ToIntFunction<T> weight, Commit<T, R> commit, Predicate<Exception> oneItemMayBeTheCause) {
        this.name = name;
        this.maxGroupWeight = maxGroupWeight;
        this.weight = weight;
        this.commit = commit;
        this.oneItemMayBeTheCause = oneItemMayBeTheCause;
        this.writer = new Thread(this::commitQueued, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the item and returns at once: the future completes with its result once its group is committed. */
    public CompletableFuture<R> submit(T item) {
        Queued<T, R> queued = new Queued<>(item, new CompletableFuture<>());
        // with close(): nothing is queued behind the stop, where no one would commit it
        synchronized (queue) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            queue.add(queued);
        }
        return queued.result();
    }

    private void commitQueued() {
        List<Queued<T, R>> group = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            int groupWeight = 0;
            Queued<T, R> next = takeQueued();
            do {
                if (next == stop) {
                    stopping = true;
                } else {
                    group.add(next);
                    groupWeight += weight.applyAsInt(next.item());
                }
            } while (!stopping && groupWeight < maxGroupWeight && (next = queue.poll()) != null);
            if (!group.isEmpty()) {
                commitGroup(group);
            }
            group.clear();
        }
        // left by an interrupted writer
        queue.forEach(queued -> queued.result().completeExceptionally(new IllegalStateException(name + " is closed")));
    }

    private void commitGroup(List<Queued<T, R>> group) {
        try {
            complete(group, commit.commit(group.stream().map(Queued::item).toList()));
        } catch (Exception e) {
            if (group.size() > 1 && oneItemMayBeTheCause.test(e)) {
                group.forEach(queued -> commitGroup(List.of(queued)));
            } else {
                group.forEach(queued -> queued.result().completeExceptionally(e));
            }
        }
    }

    private void complete(List<Queued<T, R>> group, List<R> results) {
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }

    private Queued<T, R> takeQueued() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop;
        }
    }

    /** Commits what is queued, then stops the writer; what is queued afterwards fails. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.add(stop);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
