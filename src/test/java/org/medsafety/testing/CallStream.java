package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.medsafety.testing.Fixtures.JSON;

/**
 * A stream of CDS Hooks calls for the crash and outage checks in .ci/: the documented order-sign example, each call
 * with a fresh hookInstance and (with an EHR directory from {@link TestEhrCli}) a fresh client token. One line per
 * call is written to the results file as soon as its answer arrives: {@code hookInstance status cards millis};
 * status 0 means no answer (connection refused, reset, or the 30 s hang guard).
 *
 * <pre>java -cp target/test-classes:target/quarkus-app/lib/main/* org.medsafety.testing.CallStream \
 *     BASE_URL PUBLIC_BASE EHR_DIR|- REQUEST_FILE SECONDS CALLS_PER_SECOND RESULTS_FILE</pre>
 */
public final class CallStream {

    private static final String SIGN = "/cds-services/medication-safety-sign";
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private CallStream() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: CallStream BASE_URL PUBLIC_BASE EHR_DIR|- REQUEST_FILE SECONDS "
                    + "CALLS_PER_SECOND RESULTS_FILE");
            System.exit(2);
        }
        String base = args[0];
        String publicBase = args[1];
        TestEhr ehr = args[2].equals("-") ? null : TestEhr.load(Path.of(args[2]).resolve("ehr.json"));
        JsonNode example = JSON.readTree(Files.readString(Path.of(args[3])));
        long seconds = Long.parseLong(args[4]);
        int perSecond = Integer.parseInt(args[5]);
        Path results = Path.of(args[6]);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, perSecond));
        AtomicInteger sent = new AtomicInteger();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results, StandardCharsets.UTF_8))) {
            long start = System.nanoTime();
            long total = seconds * perSecond;
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                pool.submit(() -> {
                    String line = call(http, base, publicBase, ehr, example);
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                });
                sent.incrementAndGet();
            }
            pool.shutdown();
            if (!pool.awaitTermination(HANG_GUARD.toSeconds() + 10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        System.out.println(sent.get() + " calls sent");
    }

    private static String call(HttpClient http, String base, String publicBase, TestEhr ehr, JsonNode example) {
        String hookInstance = UUID.randomUUID().toString();
        long start = System.nanoTime();
        try {
            ObjectNode body = example.deepCopy();
            body.put("hookInstance", hookInstance);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + SIGN)).timeout(HANG_GUARD)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (ehr != null) {
                request.header("Authorization", "Bearer " + ehr.token(publicBase + SIGN));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int cards = -1;
            if (response.statusCode() == 200) {
                cards = JSON.readTree(response.body()).path("cards").size();
            }
            return hookInstance + " " + response.statusCode() + " " + cards + " " + millis(start);
        } catch (IOException | RuntimeException e) {
            return hookInstance + " 0 -1 " + millis(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return hookInstance + " 0 -1 " + millis(start);
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
