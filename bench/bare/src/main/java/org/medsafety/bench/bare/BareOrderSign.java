package org.medsafety.bench.bare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The floor the service is measured against: the same order-sign body parsed by Jackson and one row committed in a
 * transaction, on a worker thread as the service's hook endpoint. No rules, no snapshot, no audit chain.
 */
@Path("/bare/order-sign")
public class BareOrderSign {

    @Inject
    ObjectMapper json;

    @POST
    @Blocking
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> receive(byte[] body) throws IOException {
        JsonNode request = json.readTree(body);
        ReceivedOrder row = new ReceivedOrder();
        row.hookInstance = request.path("hookInstance").asText();
        row.hook = request.path("hook").asText();
        row.draftOrders = request.path("context").path("draftOrders").path("entry").size();
        row.activeMedications = request.path("prefetch").path("medications").path("entry").size();
        row.receivedAt = Instant.now();
        row.persist();
        return Map.of("cards", java.util.List.of());
    }
}
