package io.opifex.cli;

/** Process exit codes of the client commands. */
final class ExitCodes {

    static final int OK = 0;
    /** Could not connect, connection lost, or the broker broke the protocol. */
    static final int CONNECTION_FAILED = 1;
    /** Bad flags; picocli uses 2 for its own usage errors too. */
    static final int USAGE = 2;
    /** The broker answered CONNACK with a refusal. */
    static final int REFUSED = 3;
    /** Something did not happen in time (connect, acknowledgement, -W without enough messages). */
    static final int TIMEOUT = 4;

    private ExitCodes() {
    }
}
