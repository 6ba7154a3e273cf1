package io.opifex.bench;

import picocli.CommandLine;

/**
 * Runs {@link BenchCommand} without Quarkus, from the packaged application's class path:
 * {@code java -cp "target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*:target/quarkus-app/app/*"
 * io.opifex.bench.BenchMain --help}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
