package io.opifex.cli;

import io.opifex.app.BrokerService;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * The jar's entry point. Without arguments it is the broker; with a sub-command ({@code pub}, {@code sub}) it is a
 * client tool, and then the broker stays down (see {@link BrokerService#runsBroker}) and Quarkus keeps quiet so
 * stdout carries payloads only.
 */
@QuarkusMain
public class OpifexMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (BrokerService.runsBroker(args)) {
            oneEventLoopPerCore();
        } else {
            quietClientMode();
        }
        Quarkus.run(OpifexMain.class, args);
    }

    /**
     * Runtime settings for a client run, as system properties so they apply before Quarkus logs anything; each one
     * can still be overridden with -D. The management interface cannot be switched off at runtime, so it moves to
     * a random loopback port instead of clashing with a broker on the same host.
     */
    private static void quietClientMode() {
        setIfAbsent("quarkus.log.console.stderr", "true");
        setIfAbsent("quarkus.log.level", "WARN");
        setIfAbsent("quarkus.log.category.\"io.opifex\".level", "WARN");
        setIfAbsent("quarkus.management.host", "127.0.0.1");
        setIfAbsent("quarkus.management.port", "0");
    }

    /**
     * Vert.x defaults to two event loops per core, for code that sometimes blocks. The broker never blocks a loop,
     * so more loops than cores only add context switches: measured on 2 cores, p99 fan-out latency and connects/s
     * were better with one per core. An explicit setting (property or environment) still wins.
     */
    private static void oneEventLoopPerCore() {
        if (System.getenv("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE") == null) {
            setIfAbsent("quarkus.vertx.event-loops-pool-size",
                    String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public int run(String... args) {
        return new CommandLine(OpifexCommand.class, factory).execute(args);
    }
}
