package io.opifex.client;

import io.opifex.testing.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client against Opifex's own broker, embedded on a free loopback port. */
class ClientAgainstOpifexTest extends BrokerInteropContract {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Override
    int port() {
        return broker.port();
    }
}
