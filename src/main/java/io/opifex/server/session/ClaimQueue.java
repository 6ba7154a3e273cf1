package io.opifex.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * CONNECTs for one client id that arrive while an earlier one is still being attached (its stored state may be on
 * its way): they wait, in order, and run when it is done. Only exists while an attach is under way.
 */
final class ClaimQueue {

    /** Null until a second CONNECT has to wait. */
    private List<Runnable> waiting;

    void add(Runnable claim) {
        if (waiting == null) {
            waiting = new ArrayList<>(1);
        }
        waiting.add(claim);
    }

    List<Runnable> drain() {
        return waiting == null ? List.of() : waiting;
    }
}
