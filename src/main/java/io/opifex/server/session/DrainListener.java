package io.opifex.server.session;

/**
 * A publisher paused because its messages piled up at a session's queue. The session tells it, once, from the
 * session's event loop, when the queue has drained well below the mark that paused it, or when the session went
 * away; the listener carries that to the publisher's own loop.
 */
@FunctionalInterface
public interface DrainListener {

    void drained();
}
