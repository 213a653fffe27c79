package org.medsafety.cdshooks;

import org.medsafety.errors.ServiceException;
import org.medsafety.testing.ShippedRuleset;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.medsafety.engine.Evaluation;
import org.medsafety.engine.Evaluator;
import org.medsafety.engine.Ruleset;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.RequestMutator;
import org.medsafety.testing.TestConfig;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, reading the request either yields a valid request or refuses it with a 4xx that says
 * why: never another exception (which the service would turn into a 500). Requests that are accepted are then
 * screened end to end (snapshot, rules, cards) without an exception either. Inputs are hostile variants of real
 * requests (the shipped examples, the HL7 PDDI IG requests, a Synthea patient's full prefetch).
 */
class HookRequestProperties {

    private static final CdsServiceCatalog CATALOG = new CdsServiceCatalog();
    private static RequestMutator mutator;
    private static HookRequestReader reader;
    private static Ruleset ruleset;

    @BeforeContainer
    static void setUp() {
        mutator = RequestMutator.fromRealRequests();
        reader = new HookRequestReader(new RequestLimits(TestConfig.defaults().limits()));
        ruleset = ShippedRuleset.get();
    }

    @Property(tries = 400)
    void aMutatedRequestIsReadOrRefusedWithA4xx(@ForAll Random random) {
        byte[] body = mutator.next(random);
        for (CdsService service : CATALOG.all()) {
            HookRequest request;
            try {
                request = reader.read(body, service);
            } catch (ServiceException refused) {
                assertThat(refused.status()).isBetween(400, 499);
                assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(2_000);
                continue;
            }
            screen(request);
        }
    }

    @Property(tries = 50)
    void theUnmutatedRealRequestsAreAllAccepted(@ForAll Random random) {
        List<JsonNode> valid = mutator.validSeeds();
        assertThat(valid).hasSizeGreaterThanOrEqualTo(3);
        JsonNode seed = valid.get(random.nextInt(valid.size()));
        CdsService service = CATALOG.all().stream().filter(s -> s.hook().equals(seed.path("hook").asText()))
                .findFirst().orElseThrow();
        screen(reader.read(seed.toString().getBytes(StandardCharsets.UTF_8), service));
    }

    /** The rest of the path a request takes, minus FHIR fetches and the audit write. */
    private static void screen(HookRequest request) {
        FhirResources data = new FhirResources();
        request.prefetch().values().stream().filter(JsonNode::isObject).forEach(data::add);
        PatientSnapshot snapshot = new SnapshotBuilder().build(request.patientId(), data, request.draftOrders(),
                request.selections(), Instant.parse("2026-11-29T08:00:00Z"));
        Evaluation evaluation = Evaluator.evaluate(ruleset, snapshot);
        int cap = TestConfig.defaults().limits().cards();
        List<CardFactory.IssuedCard> cards = new CardFactory(cap).cards(ruleset, evaluation.findings(), snapshot,
                List.of());
        assertThat(cards).hasSizeLessThanOrEqualTo(cap)
                .allSatisfy(c -> assertThat(c.card().summary()).hasSizeLessThan(140));
    }
}
