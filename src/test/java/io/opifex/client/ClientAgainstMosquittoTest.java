package io.opifex.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same contract against a third-party broker, Debian's mosquitto, so the client is not just compatible with
 * Opifex's own reading of the spec. Skipped only when the binary is missing (CI installs it).
 */
class ClientAgainstMosquittoTest extends BrokerInteropContract {

    private static MosquittoBroker broker;

    @BeforeAll
    static void startMosquitto() throws Exception {
        assumeTrue(MosquittoBroker.isInstalled(),
                "mosquitto is not installed at " + MosquittoBroker.BINARY + " (apt-get install mosquitto)");
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopMosquitto() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    int port() {
        return broker.port();
    }
}
