package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends mutated real requests to a running service, as `.ci/fuzz.sh` does: every answer must come within 10 s,
 * never be a 5xx, never carry a stack trace, and the service must still answer a valid request afterwards.
 *
 * <pre>java -cp target/test-classes:target/classes:target/quarkus-app/lib/main/* org.medsafety.testing.FuzzRun \
 *      http://127.0.0.1:18190 2500 [seed]</pre>
 */
public final class FuzzRun {

    static final Duration MAX_ANSWER = Duration.ofSeconds(10);
    static final List<String> SERVICES = List.of("medication-safety-sign", "medication-safety-select");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2500;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        boolean one = args.length > 3 && args[3].equals("one"); // replay the single request of this seed
        System.out.printf("fuzz: %d mutated requests to %s, seed %d%n", count, base, seed);

        RequestMutator mutator = RequestMutator.fromRealRequests();
        FuzzRun run = new FuzzRun(base, seed, one, mutator);
        ExecutorService pool = Executors.newFixedThreadPool(one ? 1 : 4);
        for (int i = 0; i < (one ? 1 : count); i++) {
            int n = i;
            pool.submit(() -> run.fuzzOne(n));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            System.out.println("FAIL: the fuzz run did not finish within 30 minutes");
            System.exit(1);
        }
        System.out.println("fuzz: statuses " + new TreeMap<>(run.statuses) + ", slowest answer " + run.maxMillis
                + " ms");

        String healthy = stillHealthy(run.http, base);
        if (healthy != null) {
            System.out.println("FAIL: after the fuzz run " + healthy);
            run.failures.incrementAndGet();
        }
        if (run.failures.get() > 0) {
            System.out.println("fuzz: " + run.failures.get() + " failure(s); failing bodies are in "
                    + "target/fuzz-failures");
            System.exit(1);
        }
        System.out.println("PASS: " + count + " mutated requests, no 5xx, none slower than " + MAX_ANSWER.toSeconds()
                + " s, and the service still answers");
    }

    private final String base;
    private final long seed;
    private final boolean one;
    private final RequestMutator mutator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long maxMillis;

    private FuzzRun(String base, long seed, boolean one, RequestMutator mutator) {
        this.base = base;
        this.seed = seed;
        this.one = one;
        this.mutator = mutator;
    }

    /** Request number {@code n}: reproducible on its own with FuzzRun URL 1 SEED+n one. */
    private void fuzzOne(int n) {
        Random random = new Random(seed + n);
        byte[] body = new byte[0];
        String path = "?";
        String problem;
        try {
            if (random.nextInt(10) == 0) {
                path = "/cds-services/" + SERVICES.get(random.nextInt(2)) + "/feedback";
                body = feedback(random);
            } else {
                path = "/cds-services/" + SERVICES.get(random.nextInt(2));
                body = mutator.next(random);
            }
            problem = send(base + path, body);
        } catch (RuntimeException | Error e) {
            problem = "the fuzzer itself failed: " + e; // counted, so a broken mutator cannot pass silently
        }
        if (problem != null || one) {
            failures.addAndGet(problem == null ? 0 : 1);
            System.out.printf("%s #%d (seed %d, %s, %d bytes): %s%n", problem == null ? "ok" : "FAIL", n, seed + n,
                    path, body.length, problem);
            if (problem != null) {
                save(n, body);
            }
        }
    }

    private String send(String url, byte[] body) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(MAX_ANSWER)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - start) / 1_000_000;
            synchronized (this) {
                maxMillis = Math.max(maxMillis, millis);
            }
            statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
            if (millis > MAX_ANSWER.toMillis()) {
                return "HTTP " + r.statusCode() + " after " + millis + " ms, more than " + MAX_ANSWER.toSeconds() + " s";
            }
            if (r.statusCode() >= 500) {
                return "HTTP " + r.statusCode() + ": " + shorten(r.body());
            }
            if (r.statusCode() != 200 && !r.body().contains("OperationOutcome")) {
                return "HTTP " + r.statusCode() + " without an OperationOutcome: " + shorten(r.body());
            }
            if (r.body().contains("Exception") || r.body().contains("\tat ")) {
                return "HTTP " + r.statusCode() + " with what looks like a stack trace: " + shorten(r.body());
            }
            return null;
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer within " + MAX_ANSWER.toSeconds() + " s";
        } catch (Exception e) {
            return "the exchange failed: " + e;
        }
    }

    /** Discovery and a valid call (the shipped example) still answer as they should. */
    private static String stillHealthy(HttpClient http, String base) throws Exception {
        HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(URI.create(base + "/cds-services"))
                .timeout(MAX_ANSWER).build(), HttpResponse.BodyHandlers.ofString());
        if (discovery.statusCode() != 200) {
            return "discovery answered " + discovery.statusCode();
        }
        JsonNode example = new ObjectMapper().readTree(Path.of("docs", "examples", "order-sign-warfarin-naproxen.json")
                .toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) example).put("hookInstance", java.util.UUID.randomUUID()
                .toString());
        HttpResponse<String> call = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/cds-services/medication-safety-sign")).timeout(MAX_ANSWER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(example.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (call.statusCode() != 200 || !call.body().contains("naproxen")) {
            return "the documented example answered " + call.statusCode() + ": " + shorten(call.body());
        }
        return null;
    }

    private static byte[] feedback(Random random) {
        try {
            JsonNode example = new ObjectMapper().readTree(Path.of("docs", "examples", "feedback-overridden.json")
                    .toFile());
            return new RequestMutator(List.of(example)).next(random);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void save(int n, byte[] body) {
        try {
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            Files.write(dir.resolve("request-" + n + ".json"), body);
        } catch (java.io.IOException ignored) {
            // the log line above still names the seed that reproduces it
        }
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
