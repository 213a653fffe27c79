package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A FHIR server on a loopback port, answering reads from a Synthea bundle, for tests of the prefetch fallback.
 * It records every request's path (under /fhir/ or not) and Authorization header. One instance can serve a whole
 * test class: {@link #answer}, {@link #misbehave} and {@link #reset} change what it does between tests.
 */
public final class FakeFhirServer implements AutoCloseable {

    public record Seen(String pathAndQuery, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-fhir");
        t.setDaemon(true);
        return t;
    });
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Function<String, JsonNode> answer;
    private volatile HttpHandler misbehaviour;
    private volatile long delayMillis;

    /** @param answer maps "Type/id" or "Type?query" (after /fhir/) to a resource, or null for 404 */
    public FakeFhirServer(Function<String, JsonNode> answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            seen.add(new Seen(uri, exchange.getRequestHeaders().getFirst("Authorization")));
            HttpHandler raw = misbehaviour;
            pause(delayMillis);
            if (raw != null) {
                raw.handle(exchange);
            } else if (uri.startsWith("/fhir/")) {
                respond(exchange, this.answer.apply(uri.substring("/fhir/".length())));
            } else {
                respond(exchange, null);
            }
        });
        server.setExecutor(threads); // a slow answer must not hold up the others
        server.start();
    }

    /** Answers from a patient bundle: Patient by id, any search by resource type (all of that type). */
    public static FakeFhirServer serving(JsonNode patientBundle) throws IOException {
        return new FakeFhirServer(from(patientBundle));
    }

    /** The answers {@link #serving} gives. */
    public static Function<String, JsonNode> from(JsonNode patientBundle) {
        return path -> {
            if (path.startsWith("Patient/")) {
                String id = path.substring("Patient/".length());
                for (JsonNode e : patientBundle.path("entry")) {
                    if (e.path("resource").path("id").asText().equals(id)) {
                        return e.path("resource");
                    }
                }
                return null;
            }
            String type = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            return HookRequests.searchset(patientBundle, type, null);
        };
    }

    /** From now on, answers with this. */
    public FakeFhirServer answer(Function<String, JsonNode> answer) {
        this.answer = answer;
        this.misbehaviour = null;
        return this;
    }

    /** From now on, every request (on any path) is handled by this: a tarpit, a redirect, a huge body. */
    public FakeFhirServer misbehave(HttpHandler handler) {
        this.misbehaviour = handler;
        return this;
    }

    /** From now on, waits this long before each answer. */
    public FakeFhirServer slow(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Forgets what it saw and answers 404 to everything, at once. */
    public FakeFhirServer reset() {
        seen.clear();
        delayMillis = 0;
        return answer(path -> null);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, JsonNode body) throws IOException {
        byte[] bytes = body == null ? "{}".getBytes(StandardCharsets.UTF_8)
                : body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port() + "/fhir";
    }

    public List<Seen> seen() {
        return seen;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
