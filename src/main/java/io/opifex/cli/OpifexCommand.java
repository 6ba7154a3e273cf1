package io.opifex.cli;

import io.opifex.app.BrokerService;
import io.quarkus.arc.Arc;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import sun.misc.Signal;
import picocli.CommandLine.Option;

/** {@code opifex} alone runs the broker until the process is stopped; {@code opifex pub|sub ...} runs a client. */
@TopCommand
@Command(name = "opifex", subcommands = {PubCommand.class, SubCommand.class, io.opifex.bench.BenchCommand.class},
        description = "Opifex MQTT 3.1.1 broker; with a sub-command, an MQTT client tool.",
        footer = "Exit codes: 0 success, 1 connection or protocol failure, 2 bad flags, 3 CONNACK refusal, 4 timeout.")
public class OpifexCommand implements Runnable {

    private static final String[] STOP_SIGNALS = {"TERM", "INT"};

    /** -h is the host in pub and sub, as in mosquitto_pub/sub, so help is --help only. */
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        // SIGTERM is the normal end of a broker's life (Kubernetes, systemd): drain, then exit 0, not 143
        BrokerService broker = Arc.container().instance(BrokerService.class).get();
        for (String name : STOP_SIGNALS) {
            Signal.handle(new Signal(name), signal -> broker.drainAndExit());
        }
        // the broker was started by BrokerService on StartupEvent; keep the process alive until it is stopped
        Quarkus.waitForExit();
    }
}
