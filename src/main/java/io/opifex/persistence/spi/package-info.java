/**
 * Storage SPI: what the broker keeps beyond a connection, in domain types (no wire packets).
 *
 * <p>The broker holds an online client's live state in memory on that client's event loop; the store holds what
 * must survive a disconnect (clean session 0), a restart (durable backends) or a move to another node (shared
 * backends). The intended use across a persistent session's life:
 * <ol>
 *   <li><b>Connect, clean session 1:</b> {@code delete} any stored session [MQTT-3.1.2-6].</li>
 *   <li><b>Connect, clean session 0:</b> {@code load}; restore subscriptions; resend {@code inflight} in order with
 *       DUP (or PUBREL for {@code AWAITING_PUBCOMP}) [MQTT-4.4.0-1]; keep {@code awaitingPubrel}; then
 *       {@code pollQueued} in batches as the client's flow allows, recording each QoS 1/2 message sent with
 *       {@code putInflight}. Routing must already target the live session, so nothing is enqueued behind it.</li>
 *   <li><b>While online</b> (optional write-through, for durable backends to survive a crash):
 *       {@code putSubscription}/{@code removeSubscription}, {@code putInflight}/{@code removeInflight},
 *       {@code addAwaitingPubrel}/{@code removeAwaitingPubrel}.</li>
 *   <li><b>Disconnect, clean session 0:</b> {@code save} the live state, then route to the store; messages that
 *       reach the closing session after its snapshot are enqueued once {@code save} completes, in order.</li>
 *   <li><b>Offline:</b> routing calls {@code enqueue} with the session's {@link io.opifex.persistence.spi.QueueLimit}
 *       and reports what the result says was dropped [MQTT-3.1.2-5].</li>
 * </ol>
 *
 * <p>Implementations are run against the abstract contract tests {@code SessionStoreContract} and
 * {@code RetainedStoreContract}.
 */
package io.opifex.persistence.spi;
