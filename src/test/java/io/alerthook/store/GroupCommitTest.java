package io.alerthook.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group commit both stores write through. Each test holds the writer in its first commit (item "first") while the
 * items under test are queued, so that they make up the next group whatever the machine's pace.
 */
class GroupCommitTest {

    private final List<List<String>> commits = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    /** Commits a group unless it holds "bad"; the result of an item is its name in capitals. */
    private List<String> commit(List<String> group) throws InterruptedException {
        if (group.contains("first")) {
            firstStarted.countDown();
            assertThat(releaseFirst.await(30, TimeUnit.SECONDS)).isTrue();
        }
        commits.add(group);
        if (group.contains("bad")) {
            throw new IllegalArgumentException("cannot commit " + group);
        }
        return group.stream().map(String::toUpperCase).toList();
    }

    private GroupCommit<String, String> writer(boolean oneItemMayBeTheCause) {
        return new GroupCommit<>("test-writer", 100, String::length, this::commit, failure -> oneItemMayBeTheCause);
    }

    private List<CompletableFuture<String>> queuedBehindTheFirst(GroupCommit<String, String> writer, String... items) throws InterruptedException {
        writer.submit("first");
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (String item : items) {
            results.add(writer.submit(item));
        }
        releaseFirst.countDown();
        return results;
    }

    @Test
    void commitsWhatWaitsAsOneGroupInTheOrderQueuedAndGivesEachItsResult() throws Exception {
        try (GroupCommit<String, String> writer = writer(false)) {
            List<CompletableFuture<String>> results = queuedBehindTheFirst(writer, "a", "b", "c");

            assertThat(results.stream().map(CompletableFuture::join)).containsExactly("A", "B", "C");
            assertThat(commits).containsExactly(List.of("first"), List.of("a", "b", "c"));
        }
    }

    @Test
    void aGroupIsNoHeavierThanItsLimitBeyondItsLastItem() throws Exception {
        try (GroupCommit<String, String> writer = writer(false)) {
            String sixty = "x".repeat(60);
            List<CompletableFuture<String>> results = queuedBehindTheFirst(writer, sixty, sixty, "y");

            results.forEach(CompletableFuture::join);
            assertThat(commits).containsExactly(List.of("first"), List.of(sixty, sixty), List.of("y"));
        }
    }

    @Test
    void anItemThatCannotBeCommittedFailsAloneWhenTheFailureMayBeOneItems() throws Exception {
        try (GroupCommit<String, String> writer = writer(true)) {
            List<CompletableFuture<String>> results = queuedBehindTheFirst(writer, "a", "bad", "b");

            assertThat(results.get(0).join()).isEqualTo("A");
            assertThatThrownBy(results.get(1)::join).hasRootCauseMessage("cannot commit [bad]");
            assertThat(results.get(2).join()).isEqualTo("B");
            assertThat(commits).containsExactly(List.of("first"), List.of("a", "bad", "b"), List.of("a"), List.of("bad"), List.of("b"));
        }
    }

    @Test
    void theWholeGroupFailsWhenTheFailureIsTheStoragesOwn() throws Exception {
        try (GroupCommit<String, String> writer = writer(false)) {
            List<CompletableFuture<String>> results = queuedBehindTheFirst(writer, "a", "bad", "b");

            assertThat(results).allSatisfy(result -> assertThatThrownBy(result::join).hasRootCauseMessage("cannot commit [a, bad, b]"));
            assertThat(commits).hasSize(2);
        }
    }

    @Test
    void closingCommitsWhatWaitsThenRefusesMore() throws Exception {
        GroupCommit<String, String> writer = writer(false);
        writer.submit("first");
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = writer.submit("a");
        CompletableFuture<Void> closed = CompletableFuture.runAsync(writer::close);
        releaseFirst.countDown();
        closed.join();

        assertThat(waiting).isCompletedWithValue("A");
        assertThatThrownBy(() -> writer.submit("late")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
