package io.opifex.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one benchmark: connects subscribers then publishers (or idle clients), runs warm-up, measurement and drain,
 * and returns the result. Progress goes to {@code progress} once a second. All connection work happens on the
 * event loops; this class only orchestrates from the calling thread and reads the loops' counters by running a
 * task on each loop.
 */
public final class BenchRunner {

    /** Exit codes beside 0 (success), 1 (the run failed) and 2 (usage, picocli's). */
    public static final int EXIT_UNREACHABLE = 3;
    public static final int EXIT_TIMEOUT = 4;

    private static final long SNAPSHOT_TIMEOUT_MILLIS = 5_000;
    private static final long DISCONNECT_GRACE_MILLIS = 2_000;

    /** The broker refused or could not be reached. */
    public static final class UnreachableException extends RuntimeException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final BenchConfig config;
    private final PrintStream progress;
    private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);
    private final LoopStats.Window window = new LoopStats.Window();
    private Vertx vertx;
    private final List<Context> contexts = new ArrayList<>();
    private final List<LoopStats> loopStats = new ArrayList<>();
    private final List<NetClient> netClients = new ArrayList<>();

    public BenchRunner(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    public BenchResult run() throws InterruptedException {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops())
                .setBlockedThreadCheckInterval(10_000));
        try {
            for (int i = 0; i < config.eventLoops(); i++) {
                contexts.add(vertx.getOrCreateContext()); // from a non-Vert.x thread: a new loop each time
                loopStats.add(new LoopStats(window));
            }
            List<String> sources = config.sourceAddresses().isEmpty() ? java.util.Collections.singletonList(null)
                    : config.sourceAddresses();
            for (String source : sources) {
                NetClientOptions options = new NetClientOptions().setConnectTimeout(config.connectTimeoutMillis())
                        .setTcpNoDelay(true).setReuseAddress(true);
                if (source != null) {
                    options.setLocalAddress(source);
                }
                netClients.add(vertx.createNetClient(options));
            }
            return config.layout() == Layout.IDLE ? runIdle() : runLoad();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    // ---- load: publishers and subscribers

    private BenchResult runLoad() throws InterruptedException {
        int pubs = config.publishers();
        int subs = config.subscribers();
        List<Subscriber> subscribers = new ArrayList<>();
        for (int j = 0; j < subs; j++) {
            int loop = j % contexts.size();
            subscribers.add(new Subscriber(contexts.get(loop), loopStats.get(loop), "bench-" + runId + "-s" + j, pubs));
        }
        List<Publisher> publishers = new ArrayList<>();
        for (int i = 0; i < pubs; i++) {
            int loop = (subs + i) % contexts.size();
            publishers.add(new Publisher(contexts.get(loop), loopStats.get(loop), "bench-" + runId + "-p" + i, i,
                    topic(i), config.qos(), config.payloadSize(), config.rate(), config.inflight()));
        }
        ProcStats brokerAtStart = ProcStats.of(config.brokerPid());
        long connectStart = System.nanoTime();
        connectAll(subscribers, true);
        awaitAll(subscribers, j -> subscribers.get(j).subscribe(config.layout() == Layout.PAIRS ? topic(j) : topic(0),
                config.qos()), "subscribe");
        connectAll(publishers, true);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        progress.printf(Locale.ROOT, "bench: %d subscribers and %d publishers connected in %.2f s (run %s)%n",
                subs, pubs, connectSeconds, runId);

        long t0 = System.nanoTime();
        window.measureStart = t0 + (long) (config.warmupSeconds() * 1e9);
        window.measureEnd = window.measureStart + (long) (config.durationSeconds() * 1e9);
        for (Publisher publisher : publishers) {
            publisher.context.runOnContext(v -> publisher.start());
        }
        ProcStats brokerAtMeasureStart = null;
        ProcStats benchAtMeasureStart = null;
        long[] previous = totals();
        long lastTick = t0;
        while (true) {
            long now = System.nanoTime();
            if (brokerAtMeasureStart == null && now >= window.measureStart) {
                brokerAtMeasureStart = ProcStats.of(config.brokerPid());
                benchAtMeasureStart = ProcStats.self();
            }
            if (now >= window.measureEnd) {
                break;
            }
            long sleepNanos = Math.min(Math.min(lastTick + 1_000_000_000L, window.measureEnd),
                    brokerAtMeasureStart == null ? window.measureStart : Long.MAX_VALUE) - now;
            TimeUnit.NANOSECONDS.sleep(Math.max(1, sleepNanos));
            if (System.nanoTime() - lastTick >= 1_000_000_000L) {
                long[] current = totals();
                long tick = System.nanoTime();
                printProgress(t0, tick, lastTick, previous, current);
                previous = current;
                lastTick = tick;
            }
        }
        ProcStats brokerAtMeasureEnd = ProcStats.of(config.brokerPid());
        ProcStats benchAtMeasureEnd = ProcStats.self();
        for (Publisher publisher : publishers) {
            publisher.context.runOnContext(v -> publisher.stop());
        }
        double drained = drain(publishers);
        ProcStats brokerAtEnd = ProcStats.of(config.brokerPid());

        BenchResult result = collect(publishers, subscribers);
        result.put("drain_s", round(drained, 2));
        result.put("connect_s", round(connectSeconds, 2));
        putProcStats(result, brokerAtStart, brokerAtMeasureStart, brokerAtMeasureEnd, brokerAtEnd,
                benchAtMeasureStart, benchAtMeasureEnd);
        disconnectAll(publishers);
        disconnectAll(subscribers);
        return result;
    }

    private String topic(int i) {
        return config.layout() == Layout.PAIRS ? "bench/" + runId + "/pair/" + i : "bench/" + runId + "/all";
    }

    /** Waits, once publishing has stopped, until every expected delivery arrived or nothing moves for a second. */
    private double drain(List<Publisher> publishers) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + (long) (config.drainSeconds() * 1e9);
        long lastDelivered = -1;
        long lastChange = start;
        while (System.nanoTime() < deadline) {
            long[] current = totals();
            long sent = current[0];
            long delivered = current[1];
            int inflight = onLoops(publishers, p -> (long) p.inflight()).stream().mapToInt(Long::intValue).sum();
            if (delivered >= sent * config.fanout() && inflight == 0) {
                break;
            }
            if (delivered != lastDelivered) {
                lastDelivered = delivered;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 1_000_000_000L && inflight == 0) {
                break; // nothing arrives any more: the rest is lost
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private BenchResult collect(List<Publisher> publishers, List<Subscriber> subscribers) {
        List<Long> sentByPublisher = onLoops(publishers, Publisher::sent);
        // lost = sent to a subscriber but never received once, per (publisher, subscriber) pair
        List<Long> lostBySubscriber = onLoops(subscribers, s -> {
            long lost = 0;
            int j = subscribers.indexOf(s);
            for (int i = 0; i < sentByPublisher.size(); i++) {
                if (config.layout() == Layout.PAIRS && i != j) {
                    continue;
                }
                SequenceTracker tracker = s.tracker(i);
                lost += tracker == null ? sentByPublisher.get(i) : tracker.lost(sentByPublisher.get(i));
            }
            return lost;
        });
        Latency latency = new Latency();
        long[] sums = new long[10];
        for (int i = 0; i < contexts.size(); i++) {
            LoopStats stats = loopStats.get(i);
            call(contexts.get(i), () -> {
                latency.add(stats.latency); // on the loop, so the histogram is not being written meanwhile
                sums[0] += stats.sent;
                sums[1] += stats.sentInWindow;
                sums[2] += stats.delivered;
                sums[3] += stats.deliveredInWindow;
                sums[4] += stats.duplicates;
                sums[5] += stats.outOfOrder;
                sums[6] += stats.tooOld;
                sums[7] += stats.errors;
                sums[8] += stats.unexpectedCloses;
                return null;
            });
        }
        long expected = sums[0] * config.fanout();
        long lost = lostBySubscriber.stream().mapToLong(Long::longValue).sum();
        double duration = config.durationSeconds();
        BenchResult r = describe();
        r.put("sent", sums[0]);
        r.put("sent_per_s", round(sums[1] / duration, 1));
        r.put("expected", expected);
        r.put("delivered", sums[2]);
        r.put("delivered_per_s", round(sums[3] / duration, 1));
        r.put("lost", lost);
        r.put("lost_pct", expected == 0 ? 0 : round(100.0 * lost / expected, 4));
        r.put("dup", sums[4]);
        r.put("ooo", sums[5]);
        r.put("too_old", sums[6]);
        r.put("errors", sums[7]);
        r.put("closed", sums[8]);
        r.put("lat_count", latency.count());
        boolean sampled = latency.count() > 0; // -1: no message sent in the window arrived at all
        r.put("p50_us", sampled ? latency.percentileMicros(50) : -1);
        r.put("p99_us", sampled ? latency.percentileMicros(99) : -1);
        r.put("p999_us", sampled ? latency.percentileMicros(99.9) : -1);
        r.put("max_us", sampled ? latency.maxMicros() : -1);
        r.put("mean_us", sampled ? round(latency.meanMicros(), 1) : -1);
        return r;
    }

    private void putProcStats(BenchResult r, ProcStats atStart, ProcStats measureStart, ProcStats measureEnd,
            ProcStats atEnd, ProcStats benchStart, ProcStats benchEnd) {
        if (measureStart != null && measureStart.known() && measureEnd.known()) {
            double cpu = measureEnd.cpuSeconds() - measureStart.cpuSeconds();
            r.put("broker_cpu_s", round(cpu, 2));
            r.put("broker_cpu_pct", round(100 * cpu / config.durationSeconds(), 1));
            double delivered = ((Number) r.get("delivered_per_s")).doubleValue() * config.durationSeconds();
            r.put("deliveries_per_cpu_s", cpu <= 0 ? -1 : Math.round(delivered / cpu));
            r.put("broker_rss_start_kb", atStart.rssKb());
            r.put("broker_rss_kb", Math.max(measureEnd.rssKb(), atEnd.rssKb()));
        } else {
            r.put("broker_cpu_s", -1);
            r.put("deliveries_per_cpu_s", -1);
            r.put("broker_rss_kb", -1);
        }
        if (benchStart != null && benchStart.known() && benchEnd.known()) {
            r.put("bench_cpu_pct", round(100 * (benchEnd.cpuSeconds() - benchStart.cpuSeconds())
                    / config.durationSeconds(), 1));
        }
    }

    // ---- idle connections

    private BenchResult runIdle() throws InterruptedException {
        List<BenchClient> clients = idleClients("i");
        ProcStats brokerBefore = ProcStats.of(config.brokerPid());
        long start = System.nanoTime();
        int connected = connectAll(clients, false);
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        ProcStats brokerConnected = ProcStats.of(config.brokerPid());
        Latency connectLatency = new Latency();
        for (BenchClient client : clients) {
            if (client.connackNanos > 0) { // written on the loop before the connect future completed
                connectLatency.recordNanos(client.connackNanos - client.connectStartNanos);
            }
        }
        progress.printf(Locale.ROOT, "bench: %d of %d idle connections in %.2f s (%.0f/s); holding %.0f s%n",
                connected, clients.size(), connectSeconds, connected / connectSeconds, config.durationSeconds());
        List<Long> pingTimers = new ArrayList<>();
        if (config.keepAliveSeconds() > 0) {
            long period = Math.max(1, config.keepAliveSeconds() * 1000L / 2);
            for (int i = 0; i < contexts.size(); i++) {
                int loop = i;
                pingTimers.add(call(contexts.get(i), () -> vertx.setPeriodic(period, id -> {
                    for (int k = loop; k < clients.size(); k += contexts.size()) {
                        clients.get(k).ping();
                    }
                })));
            }
        }
        long holdEnd = System.nanoTime() + (long) (config.durationSeconds() * 1e9);
        long t0 = System.nanoTime();
        while (System.nanoTime() < holdEnd) {
            TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(1_000_000_000L, holdEnd - System.nanoTime())));
            long[] t = totals();
            ProcStats broker = ProcStats.of(config.brokerPid());
            progress.printf(Locale.ROOT, "[%5.1fs] hold open=%d closed=%d errors=%d broker_rss_mb=%.1f%n",
                    (System.nanoTime() - t0) / 1e9, connected - t[5], t[5], t[4],
                    broker.rssKb() / 1024.0);
        }
        pingTimers.forEach(vertx::cancelTimer);
        ProcStats brokerHeld = ProcStats.of(config.brokerPid());
        long[] t = totals();
        BenchResult r = describe();
        r.put("connections", clients.size());
        r.put("connected", connected);
        r.put("failed", clients.size() - connected);
        r.put("closed", t[5]);
        r.put("errors", t[4]);
        r.put("connect_s", round(connectSeconds, 2));
        r.put("connects_per_s", Math.round(connected / connectSeconds));
        r.put("connect_p50_us", connectLatency.percentileMicros(50));
        r.put("connect_p99_us", connectLatency.percentileMicros(99));
        r.put("connect_max_us", connectLatency.maxMicros());
        if (brokerBefore.known() && brokerHeld.known()) {
            r.put("broker_rss_start_kb", brokerBefore.rssKb());
            r.put("broker_rss_kb", brokerHeld.rssKb());
            r.put("rss_per_conn_kb", connected == 0 ? -1
                    : round((brokerHeld.rssKb() - brokerBefore.rssKb()) / (double) connected, 2));
            r.put("broker_connect_cpu_s", round(brokerConnected.cpuSeconds() - brokerBefore.cpuSeconds(), 2));
            r.put("broker_hold_cpu_s", round(brokerHeld.cpuSeconds() - brokerConnected.cpuSeconds(), 2));
        } else {
            r.put("broker_rss_kb", -1);
            r.put("rss_per_conn_kb", -1);
        }
        disconnectAll(clients);
        // The same number of clients again, to a broker that has now seen them: a restarted broker meets the first
        // storm, a running one the second (for a JVM the difference is its JIT warm-up).
        List<BenchClient> again = idleClients("r");
        long againStart = System.nanoTime();
        int reconnected = connectAll(again, false);
        double againSeconds = (System.nanoTime() - againStart) / 1e9;
        progress.printf(Locale.ROOT, "bench: %d of %d connected again in %.2f s (%.0f/s)%n",
                reconnected, again.size(), againSeconds, reconnected / againSeconds);
        r.put("reconnected", reconnected);
        r.put("reconnects_per_s", Math.round(reconnected / againSeconds));
        disconnectAll(again);
        return r;
    }

    private List<BenchClient> idleClients(String pass) {
        List<BenchClient> clients = new ArrayList<>(config.connections());
        for (int k = 0; k < config.connections(); k++) {
            int loop = k % contexts.size();
            clients.add(new BenchClient(contexts.get(loop), loopStats.get(loop), "bench-" + runId + "-" + pass + k));
        }
        return clients;
    }

    // ---- plumbing

    private BenchResult describe() {
        BenchResult r = new BenchResult();
        if (config.label() != null && !config.label().isBlank()) {
            r.put("label", config.label());
        }
        r.put("layout", config.layout().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (config.layout() != Layout.IDLE) {
            r.put("qos", config.qos().value());
            r.put("pubs", config.publishers());
            r.put("subs", config.subscribers());
            r.put("payload", config.payloadSize());
            r.put("rate", config.rate() == 0 ? "unlimited" : round(config.rate(), 1));
            r.put("inflight", config.inflight());
            r.put("warmup_s", config.warmupSeconds());
        }
        r.put("duration_s", config.durationSeconds());
        r.put("loops", config.eventLoops());
        r.put("sources", config.sourceAddresses().size());
        return r;
    }

    /**
     * Connects every client, at most {@code connectConcurrency} handshakes at a time.
     *
     * @param failFast stop at the first failure (a load run needs all of them)
     * @return how many connected
     * @throws UnreachableException if the first failure happened before any connection succeeded, or fail-fast
     */
    private int connectAll(List<? extends BenchClient> clients, boolean failFast) throws InterruptedException {
        Semaphore permits = new Semaphore(config.connectConcurrency());
        CountDownLatch done = new CountDownLatch(clients.size());
        AtomicInteger succeeded = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long lastReport = System.nanoTime();
        int started = 0;
        for (BenchClient client : clients) {
            Throwable failure = firstFailure.get();
            if (failure != null && (failFast || succeeded.get() == 0)) {
                break;
            }
            permits.acquire();
            NetClient netClient = netClients.get(started % netClients.size());
            started++;
            client.context.runOnContext(v -> client.connect(netClient, config.host(), config.port(),
                    config.keepAliveSeconds()).onComplete(ar -> {
                        if (ar.succeeded()) {
                            succeeded.incrementAndGet();
                        } else {
                            firstFailure.compareAndSet(null, ar.cause());
                        }
                        permits.release();
                        done.countDown();
                    }));
            if (System.nanoTime() - lastReport > 1_000_000_000L) {
                lastReport = System.nanoTime();
                progress.printf("bench: connecting, %d of %d connected%n", succeeded.get(), clients.size());
            }
        }
        for (int k = started; k < clients.size(); k++) {
            done.countDown(); // never started
        }
        done.await(config.connectTimeoutMillis() + 5_000L, TimeUnit.MILLISECONDS);
        Throwable failure = firstFailure.get();
        if (failure != null && (failFast || succeeded.get() == 0)) {
            throw new UnreachableException("cannot connect to " + config.host() + ":" + config.port() + ": "
                    + failure.getMessage(), failure);
        }
        if (failure != null) {
            progress.println("bench: " + (clients.size() - succeeded.get()) + " connections failed, first: "
                    + failure.getMessage());
        }
        return succeeded.get();
    }

    /** Starts {@code action} for each client on its context and waits for all of them. */
    private void awaitAll(List<? extends BenchClient> clients, java.util.function.IntFunction<Future<Void>> action,
            String what) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(clients.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int k = 0; k < clients.size(); k++) {
            int index = k;
            clients.get(k).context.runOnContext(v -> action.apply(index).onComplete(ar -> {
                if (ar.failed()) {
                    failure.compareAndSet(null, ar.cause());
                }
                done.countDown();
            }));
        }
        if (!done.await(config.connectTimeoutMillis() + 5_000L, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + " timed out");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get().getMessage(), failure.get());
        }
    }

    private void disconnectAll(List<? extends BenchClient> clients) {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (BenchClient client : clients) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            client.context.runOnContext(v -> client.disconnect(DISCONNECT_GRACE_MILLIS)
                    .onComplete(ar -> closed.complete(null)));
            closes.add(closed);
        }
        CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
                .orTimeout(DISCONNECT_GRACE_MILLIS + 5_000, TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
    }

    /** Totals over all loops: sent, delivered, duplicates, out of order, errors, unexpected closes. */
    private long[] totals() {
        long[] sum = new long[6];
        for (int i = 0; i < contexts.size(); i++) {
            LoopStats stats = loopStats.get(i);
            long[] s = call(contexts.get(i), stats::snapshot);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += s[k];
            }
        }
        return sum;
    }

    private void printProgress(long t0, long now, long before, long[] previous, long[] current) {
        double seconds = (now - before) / 1e9;
        String phase = now < window.measureStart ? "warmup" : "measure";
        progress.printf(Locale.ROOT, "[%5.1fs] %-7s sent/s=%.0f delivered/s=%.0f dup=%d ooo=%d errors=%d closed=%d%n",
                (now - t0) / 1e9, phase, (current[0] - previous[0]) / seconds, (current[1] - previous[1]) / seconds,
                current[2], current[3], current[4], current[5]);
    }

    /** Runs {@code task} for each client on its own context, in client order. */
    private <C extends BenchClient, T> List<T> onLoops(List<C> clients, java.util.function.Function<C, T> task) {
        List<CompletableFuture<T>> results = new ArrayList<>();
        for (C client : clients) {
            CompletableFuture<T> result = new CompletableFuture<>();
            client.context.runOnContext(v -> result.complete(task.apply(client)));
            results.add(result);
        }
        List<T> values = new ArrayList<>();
        for (CompletableFuture<T> result : results) {
            values.add(result.orTimeout(SNAPSHOT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).join());
        }
        return values;
    }

    private static <T> T call(Context context, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(task.get()));
        return result.orTimeout(SNAPSHOT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).join();
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
