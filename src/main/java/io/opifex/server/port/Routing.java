package io.opifex.server.port;

import io.opifex.server.auth.ClientIdentity;
import io.opifex.server.message.Message;
import io.opifex.server.session.DrainListener;

/** Delivers a message: the retained state first, then every matching subscriber. */
public interface Routing {

    /**
     * A client's own message, a PUBLISH or its will: counted as received, and routed only if the client may publish
     * to its topic (otherwise dropped and counted).
     *
     * @return as {@link #publish}
     */
    int publishFrom(ClientIdentity client, Message message, DrainListener publisher);

    /**
     * A message that needs no authorization: the broker's own ($SYS), or one already authorized.
     *
     * @param publisher told by each QoS 1/2 target whose queue is filling once it has drained; null when nobody is to
     *     be paused (wills, the broker's own $SYS messages)
     * @return how many congested sessions will tell {@code publisher}: 0 means go on
     */
    int publish(Message message, DrainListener publisher);
}
