package org.medsafety.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak run's EHR (bench/soak/run.sh): sends a CDS Hooks call at a fixed rate, whatever the service's latency
 * (open loop: a slow answer does not slow the sending), each with a fresh hookInstance and one patient id per run,
 * so that the run's audit records can be counted exactly. Every call that does not get a 200 with cards within
 * the timeout is a failed call.
 *
 * <pre>java -cp target/test-classes:target/quarkus-app/lib/main/* org.medsafety.testing.SoakLoad \
 *     URL BODY.json PATIENT-ID RATE SECONDS OUT-DIR</pre>
 * Writes OUT-DIR/answered.txt (the hookInstance of every answered call), OUT-DIR/per-second.tsv,
 * OUT-DIR/failures.txt and OUT-DIR/versions.tsv (answers per ruleset version); prints a one-line summary.
 */
public final class SoakLoad {

    private static final Pattern VERSION = Pattern.compile("\"rulesetVersion\":\"([0-9a-f]{12})");
    private static final int MAX_IN_FLIGHT = 5_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SoakLoad() {
    }

    /** Counts of one second of sending (by the second the call was sent). */
    private static final class Second {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SoakLoad URL BODY.json PATIENT-ID RATE SECONDS OUT-DIR");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String template = Files.readString(Path.of(args[1])).replace("example-patient", args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Path out = Files.createDirectories(Path.of(args[5]));
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = (ObjectNode) json.readTree(template);

        ExecutorService io = Executors.newFixedThreadPool(8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Second> perSecond = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            perSecond.add(new Second());
        }
        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong failedTotal = new AtomicLong();

        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Second second = perSecond.get((int) Math.min(seconds - 1, (System.nanoTime() - start) / 1_000_000_000L));
            second.sent.incrementAndGet();
            String hookInstance = UUID.randomUUID().toString();
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                second.failed.incrementAndGet();
                failedTotal.incrementAndGet();
                failures.add(elapsed(start) + " not sent: " + MAX_IN_FLIGHT + " calls already waiting");
                continue;
            }
            body.put("hookInstance", hookInstance);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            long sentAt = System.nanoTime();
            inFlight.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                inFlight.decrementAndGet();
                long millis = (System.nanoTime() - sentAt) / 1_000_000;
                second.latencies.add(millis);
                if (error == null && response.statusCode() == 200 && response.body().contains("\"cards\"")) {
                    second.answered.incrementAndGet();
                    answered.add(hookInstance);
                    Matcher m = VERSION.matcher(response.body());
                    versions.computeIfAbsent(m.find() ? m.group(1) : "(no card)", v -> new AtomicInteger())
                            .incrementAndGet();
                } else {
                    second.failed.incrementAndGet();
                    failedTotal.incrementAndGet();
                    String what = error != null ? error.getClass().getSimpleName()
                            : response.statusCode() + " " + abbreviate(response.body());
                    failures.add(elapsed(start) + " after " + millis + " ms: " + what);
                }
            });
        }
        long sendingEnded = System.nanoTime();
        while (inFlight.get() > 0 && System.nanoTime() - sendingEnded < TIMEOUT.toNanos() + 5_000_000_000L) {
            Thread.sleep(100);
        }
        int lost = inFlight.get();

        Files.write(out.resolve("answered.txt"), answered);
        Files.write(out.resolve("failures.txt"), failures);
        try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out.resolve("per-second.tsv")))) {
            tsv.println("second\tsent\tanswered\tfailed\tp50_ms\tp99_ms\tmax_ms");
            for (int s = 0; s < seconds; s++) {
                Second sec = perSecond.get(s);
                List<Long> l = new ArrayList<>(sec.latencies);
                Collections.sort(l);
                tsv.printf("%d\t%d\t%d\t%d\t%d\t%d\t%d%n", s, sec.sent.get(), sec.answered.get(), sec.failed.get(),
                        pct(l, 50), pct(l, 99), l.isEmpty() ? 0 : l.get(l.size() - 1));
            }
        }
        List<Long> all = new ArrayList<>();
        perSecond.forEach(s -> all.addAll(s.latencies));
        Collections.sort(all);
        Map<String, Integer> byVersion = new TreeMap<>();
        versions.forEach((v, n) -> byVersion.put(v, n.get()));
        Files.write(out.resolve("versions.tsv"), byVersion.entrySet().stream()
                .map(e -> e.getKey() + "\t" + e.getValue()).toList());
        System.out.printf("sent=%d answered=%d failed=%d unanswered=%d p50_ms=%d p99_ms=%d max_ms=%d "
                        + "seconds=%.1f versions=%d%n", total, answered.size(), failedTotal.get(), lost, pct(all, 50),
                pct(all, 99), all.isEmpty() ? 0 : all.get(all.size() - 1),
                (sendingEnded - start) / 1e9, byVersion.size());
        io.shutdownNow();
        System.exit(0);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static String elapsed(long start) {
        return String.format("t=%.3fs", (System.nanoTime() - start) / 1e9);
    }

    private static String abbreviate(String s) {
        String flat = s == null ? "" : s.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
