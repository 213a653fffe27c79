package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A FHIR server on a loopback port, answering reads from a Synthea bundle, for tests of the prefetch fallback.
 * It records every request's path and Authorization header.
 */
public final class FakeFhirServer implements AutoCloseable {

    public record Seen(String pathAndQuery, String authorization) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** @param answer maps "Type/id" or "Type?query" (after /fhir/) to a resource, or null for 404 */
    public FakeFhirServer(Function<String, JsonNode> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            seen.add(new Seen(uri, exchange.getRequestHeaders().getFirst("Authorization")));
            JsonNode body = answer.apply(uri.substring("/fhir/".length()));
            respond(exchange, body);
        });
        server.start();
    }

    /** Answers from a patient bundle: Patient by id, any search by resource type (all of that type). */
    public static FakeFhirServer serving(JsonNode patientBundle) throws IOException {
        return new FakeFhirServer(path -> {
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
        });
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

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    public List<Seen> seen() {
        return seen;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
