package io.opifex.testing;

import io.opifex.connection.ConnectionSettings;
import io.opifex.connection.Ticker;
import io.opifex.persistence.memory.MemoryPersistence;
import io.opifex.server.Broker;
import io.opifex.server.BrokerSettings;
import io.opifex.server.auth.Authorizer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EmbeddedBroker} for a test class, started before its first test and stopped after its last, whatever
 * failed in between:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrokerExtension broker = BrokerExtension.create().withSettings(limits);
 * </pre>
 *
 * Registered on an instance field with {@link #perTest()}, each test gets a broker of its own instead. A test that
 * needs a second broker (a restart on the same store, other limits) starts it itself, with try-with-resources.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final BrokerSettings settings;
    private final Authorizer authorizer;
    private final ConnectionSettings connection;
    private final boolean manualClock;
    private final boolean perTest;
    private EmbeddedBroker running;
    private ManualTicker clock;

    private BrokerExtension(BrokerSettings settings, Authorizer authorizer, ConnectionSettings connection,
                            boolean manualClock, boolean perTest) {
        this.settings = settings;
        this.authorizer = authorizer;
        this.connection = connection;
        this.manualClock = manualClock;
        this.perTest = perTest;
    }

    /** A broker with the default settings, allowing everything, on the system clock, one per test class. */
    public static BrokerExtension create() {
        return new BrokerExtension(BrokerSettings.defaults(), Authorizer.allowAll(),
                EmbeddedBroker.connectionSettings(), false, false);
    }

    public BrokerExtension withSettings(BrokerSettings settings) {
        return new BrokerExtension(settings, authorizer, connection, manualClock, perTest);
    }

    public BrokerExtension withAuthorizer(Authorizer authorizer) {
        return new BrokerExtension(settings, authorizer, connection, manualClock, perTest);
    }

    public BrokerExtension withConnectionSettings(ConnectionSettings connection) {
        return new BrokerExtension(settings, authorizer, connection, manualClock, perTest);
    }

    /**
     * Connection deadlines (CONNECT timeout, keep-alive) measured on a clock that moves only when the test calls
     * {@link #clock()}{@code .advance(...)}. One clock for all of the broker's connections, new with each broker.
     */
    public BrokerExtension withManualClock() {
        return new BrokerExtension(settings, authorizer, connection, true, perTest);
    }

    /** A fresh broker for every test; register the extension on an instance field. */
    public BrokerExtension perTest() {
        return new BrokerExtension(settings, authorizer, connection, manualClock, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            running = start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!perTest) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            running = start();
        } else if (running == null) {
            throw new IllegalStateException("a class-wide BrokerExtension must be registered on a static field; "
                    + "for a broker per test, use perTest()");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (perTest) {
            stop();
        }
    }

    private EmbeddedBroker start() {
        clock = manualClock ? new ManualTicker() : null;
        Ticker ticker = clock != null ? clock : Ticker.SYSTEM;
        return EmbeddedBroker.start(settings, authorizer, connection, new MemoryPersistence(), ticker);
    }

    private void stop() throws Exception {
        EmbeddedBroker stopping = running;
        running = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    /** The running broker, for helpers that take an {@link EmbeddedBroker}. */
    public EmbeddedBroker embedded() {
        if (running == null) {
            throw new IllegalStateException("the broker runs only while the tests of its class (or its test) run");
        }
        return running;
    }

    public int port() {
        return embedded().port();
    }

    public String uri() {
        return embedded().uri();
    }

    public Broker broker() {
        return embedded().broker();
    }

    public Vertx vertx() {
        return embedded().vertx();
    }

    /** The clock of {@link #withManualClock()}. */
    public ManualTicker clock() {
        if (!manualClock) {
            throw new IllegalStateException("this broker runs on the system clock: use withManualClock()");
        }
        embedded(); // started
        return clock;
    }
}
