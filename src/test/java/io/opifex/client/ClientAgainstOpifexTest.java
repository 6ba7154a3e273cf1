package io.opifex.client;

import io.opifex.testing.BrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against Opifex's own broker, embedded on a free loopback port. */
class ClientAgainstOpifexTest extends BrokerInteropContract {

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();

    @Override
    int port() {
        return broker.port();
    }
}
