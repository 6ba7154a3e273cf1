package io.opifex.persistence.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The state of persistent (clean session 0) sessions that must outlive a connection.
 *
 * <p><b>Calling convention.</b> Every method returns at once; durable backends do their I/O elsewhere, so event
 * loops may call any method. Backend failures complete the stage exceptionally; programming errors (null
 * arguments, invalid limits) throw immediately.
 *
 * <p><b>Consistency.</b> Each operation is atomic and takes effect at one point between the call and the stage's
 * completion. Operations on one client id issued from one thread take effect in call order, so messages enqueued
 * in order stay in order. Operations on different client ids are independent.
 *
 * <p><b>Absent sessions.</b> Only {@link #save} creates a session. Every other mutator leaves an unknown client
 * id alone and says so, so a message routed while a clean-session client replaces the session cannot resurrect it.
 *
 * <p>See the package documentation for how the broker uses these operations across a session's life.
 */
public interface SessionStore {

    CompletionStage<Optional<SessionState>> load(String clientId);

    /** Creates the session or replaces all of its state. */
    CompletionStage<Void> save(SessionState state);

    /** @return whether there was a session to delete */
    CompletionStage<Boolean> delete(String clientId);

    /** Client ids of all stored sessions, e.g. to restore or expire them at startup. */
    CompletionStage<List<String>> clientIds();

    /** Adds the subscription or replaces the one with the identical filter [MQTT-3.8.4-3]; false if no session. */
    CompletionStage<Boolean> putSubscription(String clientId, StoredSubscription subscription);

    /** @return whether the session had a subscription with exactly this filter */
    CompletionStage<Boolean> removeSubscription(String clientId, String topicFilter);

    /**
     * Appends a message for an offline session [MQTT-3.1.2-5], applying {@code limit} when the queue is full.
     * Never drops silently: the result tells what was refused or evicted.
     */
    CompletionStage<EnqueueResult> enqueue(String clientId, StoredMessage message, QueueLimit limit);

    /** Removes and returns up to {@code max} (at least 1) oldest queued messages; empty if none or no session. */
    CompletionStage<List<StoredMessage>> pollQueued(String clientId, int max);

    /**
     * Records a message as in flight, or updates the one with the same packet id (e.g. PUBREC received, now
     * {@link InflightMessage.Phase#AWAITING_PUBCOMP}); an update keeps the original resend position.
     *
     * @return false if there is no session
     */
    CompletionStage<Boolean> putInflight(String clientId, InflightMessage message);

    /** Forgets the in-flight message once PUBACK or PUBCOMP arrived; false if there was none. */
    CompletionStage<Boolean> removeInflight(String clientId, int packetId);

    /**
     * Records an inbound QoS 2 packet id as PUBREC'd and awaiting PUBREL.
     *
     * @return true if newly recorded; false if already recorded (a duplicate PUBLISH) or there is no session
     */
    CompletionStage<Boolean> addAwaitingPubrel(String clientId, int packetId);

    /** Releases an inbound QoS 2 packet id on PUBREL; false if it was not recorded. */
    CompletionStage<Boolean> removeAwaitingPubrel(String clientId, int packetId);
}
