package io.opifex.server.session;

import io.opifex.connection.CloseReason;
import java.util.ArrayList;
import java.util.List;

/** A connection's writer that records what a session hands it, for tests without a socket. */
final class RecordingOutput implements SessionOutput {

    /** One thing written: a first send, a resend (DUP) or a PUBREL. */
    record Written(String kind, String payload, int packetId) {
    }

    final List<Written> written = new ArrayList<>();
    boolean writable = true;
    CloseReason closed;

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void publish(Delivery delivery, int packetId) {
        written.add(new Written("publish", new String(delivery.message().payload()), packetId));
    }

    @Override
    public void resend(Delivery delivery, int packetId) {
        written.add(new Written("resend", new String(delivery.message().payload()), packetId));
    }

    @Override
    public void release(int packetId) {
        written.add(new Written("pubrel", null, packetId));
    }

    @Override
    public void close(CloseReason reason) {
        closed = reason;
    }

    @Override
    public String remoteAddress() {
        return "test";
    }

    List<String> payloads() {
        return written.stream().map(Written::payload).toList();
    }
}
