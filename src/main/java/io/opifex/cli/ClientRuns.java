package io.opifex.cli;

import io.opifex.client.ClientTimeoutException;
import io.opifex.client.ConnectRefusedException;
import io.opifex.client.MqttClient;
import io.opifex.client.MqttClientException;
import io.opifex.client.MqttClientOptions;
import io.opifex.connection.tcp.TcpConnector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What pub and sub share: blocking on the client's futures from the command thread, and reporting failures. */
final class ClientRuns {

    /** The client's own timeouts fire first; this only guards against a future that somehow never completes. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private ClientRuns() {
    }

    /** A client over plain TCP, the only transport the command line speaks so far. */
    static MqttClient client(Vertx vertx, MqttClientOptions options) {
        return MqttClient.create(vertx, options, new TcpConnector(vertx));
    }

    static <T> T await(Future<T> future, Duration timeout) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(timeout.plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new ClientTimeoutException("no answer within " + timeout.plus(SAFETY_MARGIN).toSeconds() + " s");
        }
    }

    /** Prints one line saying what went wrong and picks the exit code. */
    static int report(Throwable failure, PrintWriter err) {
        err.println("Error: " + failure.getMessage());
        err.flush();
        if (failure instanceof ConnectRefusedException) {
            return ExitCodes.REFUSED;
        }
        if (failure instanceof ClientTimeoutException) {
            return ExitCodes.TIMEOUT;
        }
        if (failure instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (failure instanceof MqttClientException) {
            return ExitCodes.CONNECTION_FAILED;
        }
        return ExitCodes.CONNECTION_FAILED;
    }

    /** Best effort: a client run that already failed still leaves politely when it can. */
    static void disconnectQuietly(MqttClient client) {
        try {
            client.disconnect().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // exiting anyway
        }
    }
}
