package io.opifex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opifex.testing.BrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a command line tool: {@code pub} and {@code sub} in separate JVMs against a real broker, and
 * what a user sees when things go wrong. Runs in the integration-test phase, once the jar exists.
 */
class CliIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.create();

    @TempDir
    Path temp;
    /** Every process a test started, stopped after it even when an assertion ended the test early. */
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void jarBuilt() {
        assertThat(JAR).as("run ./mvnw package first").exists();
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        started.clear();
    }

    /** A started jar with its output going to files, so a chatty process can never block on a full pipe. */
    private final class Run {
        final Process process;
        final Path out;
        final Path err;

        Run(String name, Path stdin, List<String> jvmOptions, String... args) throws IOException {
            out = temp.resolve(name + ".out");
            err = temp.resolve(name + ".err");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(JAR.toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            process = builder.start();
            started.add(process);
        }

        int exitCode() throws Exception {
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("process did not end within " + PROCESS_TIMEOUT + "; stderr: " + stderr());
            }
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    private Run run(String name, String... args) throws IOException {
        return new Run(name, null, List.of(), args);
    }

    private String port() {
        return Integer.toString(broker.port());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void subWithCount1ReceivesWhatPubSendsFromAnotherProcessAndNoBrokerStartsInEither() throws Exception {
        long subscriptionsBefore = broker.broker().stats().subscriptions();
        int brokerPortIfItStarted = freePort();
        Run sub = new Run("sub", null, List.of("-Dopifex.tcp.port=" + brokerPortIfItStarted),
                "sub", "-h", "127.0.0.1", "-p", port(), "-t", "cli/it/#", "-q", "1", "-v", "-C", "1");
        await().atMost(PROCESS_TIMEOUT).until(() -> broker.broker().stats().subscriptions() > subscriptionsBefore
                || !sub.process.isAlive());
        assertThat(sub.process.isAlive()).as("sub is subscribed and waiting; stderr: %s", sub.stderr()).isTrue();
        assertThat(canBind(brokerPortIfItStarted)).as("a client run must not start the broker").isTrue();

        Run pub = run("pub", "pub", "-h", "127.0.0.1", "-p", port(), "-t", "cli/it/greeting", "-m", "hello world",
                "-q", "2");
        assertThat(pub.exitCode()).as("pub stderr: %s", pub.stderr()).isZero();
        assertThat(pub.stdout()).isEmpty();

        assertThat(sub.exitCode()).as("sub stderr: %s", sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo("cli/it/greeting hello world\n");
    }

    @Test
    void pubSendsAFileAndStdinLinesThatSubPrintsAsPayloadsOnly() throws Exception {
        Path file = Files.write(temp.resolve("payload.bin"), "from a file".getBytes(StandardCharsets.UTF_8));
        Run retained = run("pub-file", "pub", "-h", "127.0.0.1", "-p", port(), "-t", "cli/it/file", "-f",
                file.toString(), "-r", "-q", "1");
        assertThat(retained.exitCode()).as("stderr: %s", retained.stderr()).isZero();

        Path lines = Files.writeString(temp.resolve("lines.txt"), "first\nsecond\n");
        Run pubLines = new Run("pub-lines", lines, List.of(), "pub", "-h", "127.0.0.1", "-p", port(),
                "-t", "cli/it/file", "-l", "-q", "1", "-r");
        assertThat(pubLines.exitCode()).as("stderr: %s", pubLines.stderr()).isZero();

        // the last line is now the retained message: a new subscriber gets exactly it
        Run sub = run("sub-retained", "sub", "-h", "127.0.0.1", "-p", port(), "-t", "cli/it/file", "-C", "1",
                "-W", "30");
        assertThat(sub.exitCode()).as("stderr: %s", sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo("second\n");
        assertThat(run("pub-clear", "pub", "-p", port(), "-h", "127.0.0.1", "-t", "cli/it/file", "-n", "-r")
                .exitCode()).isZero();
    }

    @Test
    void aClosedPortExitsWith1AndSaysTheConnectionWasRefused() throws Exception {
        int closed = freePort();
        Run pub = run("refused", "pub", "-h", "127.0.0.1", "-p", Integer.toString(closed), "-t", "a", "-m", "x");
        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.stderr()).contains("Error: cannot connect to 127.0.0.1:" + closed)
                .containsIgnoringCase("connection refused");
        assertThat(pub.stdout()).isEmpty();
    }

    @Test
    void aConnackRefusalExitsWith3NamingTheReturnCodeAndItsMeaning() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread broker = new Thread(() -> refuseOnce(refusing));
            broker.setDaemon(true);
            broker.start();
            Run pub = run("connack", "pub", "-h", "127.0.0.1", "-p", Integer.toString(refusing.getLocalPort()),
                    "-t", "a", "-m", "x");
            assertThat(pub.exitCode()).isEqualTo(3);
            assertThat(pub.stderr()).contains("return code 5").contains("not authorized");
        }
    }

    /** Reads the CONNECT and answers CONNACK 5, "not authorized". */
    private static void refuseOnce(ServerSocket server) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            in.read();
            int remaining = in.read(); // a short CONNECT: one length byte
            in.readNBytes(remaining);
            client.getOutputStream().write(new byte[] {0x20, 0x02, 0x00, 0x05});
            client.getOutputStream().flush();
            in.read(); // until the client closes
        } catch (IOException ignored) {
            // the test asserts on the client's side
        }
    }

    @Test
    void badFlagsExitWith2AndExplainThemselves() throws Exception {
        Run noMessage = run("no-message", "pub", "-t", "a");
        assertThat(noMessage.exitCode()).isEqualTo(2);
        assertThat(noMessage.stderr()).contains("-m=MESSAGE | -f=FILE | -l | -n | -s");

        Run badQos = run("bad-qos", "pub", "-t", "a", "-m", "x", "-q", "3");
        assertThat(badQos.exitCode()).isEqualTo(2);
        assertThat(badQos.stderr()).contains("-q must be 0, 1 or 2");

        Run persistentWithoutId = run("no-id", "sub", "-t", "a", "-c");
        assertThat(persistentWithoutId.exitCode()).isEqualTo(2);
        assertThat(persistentWithoutId.stderr()).contains("-c needs -i");
    }

    @Test
    void subGivesUpAfterItsWaitWithExitCode4WhenTooFewMessagesCame() throws Exception {
        Run sub = run("sub-timeout", "sub", "-h", "127.0.0.1", "-p", port(), "-t", "cli/it/silence", "-C", "1",
                "-W", "1");
        assertThat(sub.exitCode()).isEqualTo(4);
        assertThat(sub.stderr()).contains("timed out after 1 s with 0 of 1 messages");
        assertThat(sub.stdout()).isEmpty();
    }
}
