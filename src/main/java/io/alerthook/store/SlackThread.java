package io.alerthook.store;

/**
 * The Slack thread of an incident: one alert group at one Slack destination, from its first firing until every alert
 * in it resolved. Kept so that a restarted alerthook, or another one sharing the store, goes on in the same thread.
 *
 * @param channel  the channel's ID, as Slack answered the post of the thread's first message (its parent)
 * @param ts       the parent's timestamp, which names it in Slack: replies and updates refer to it
 * @param resolved every alert of the group resolved: the group's next firing starts a new thread
 * @param state    what the thread shows, as its owner (slack/SlackThreads) wrote it; opaque to the store
 */
public record SlackThread(String destination, String groupKey, String channel, String ts, boolean resolved, String state) {
}
