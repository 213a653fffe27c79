package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medsafety.testing.FakeFhirServer;
import org.medsafety.testing.FencedFhirProfile;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.LogCapture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.medsafety.cdshooks.PrefetchTest.ABSHIRE;
import static org.medsafety.cdshooks.PrefetchTest.PATIENT;
import static org.medsafety.cdshooks.PrefetchTest.SIGN;
import static org.medsafety.cdshooks.PrefetchTest.TOKEN;
import static org.medsafety.cdshooks.PrefetchTest.naproxenOrder;
import static org.medsafety.cdshooks.PrefetchTest.withAuthorization;

/**
 * The fence around FHIR reads (security review, section 2): only the allowed base is ever contacted, one call's
 * reads end by one deadline, big or broken answers count as failed reads, redirects and off-server next links are
 * not followed, and the 412 texts name prefetch keys only, never a host, port, status or exception.
 */
@QuarkusTest
@TestProfile(FencedFhirProfile.class)
class FencedFhirTest {

    static final String ONLY_MEDICATIONS_FAILED =
            "MS-1602: required data could not be obtained from the FHIR server: medications; send it as prefetch";
    static final String INCOMPLETE_MEDICATIONS =
            "Screening may be incomplete: only part of the patient's medications was available";

    FakeFhirServer fhir;
    /** A listener that is not allowed: it must never see a connection. */
    ServerSocket elsewhere;

    @BeforeEach
    void setUp() throws IOException {
        fhir = FencedFhirProfile.fhir().reset();
        elsewhere = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void tearDown() throws IOException {
        elsewhere.close();
    }

    // --- the allow-list -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:{elsewhere}/fhir",
            "http://127.0.0.1:{port}@127.0.0.1:{elsewhere}/fhir",
            "http://127.0.0.1:{port}/fhir2",
            "http://127.0.0.1:{port}",
            "http://127.0.0.1:{port}/fhir/../fhir",
            "http://127.0.0.1:{port}/fhir/%2e%2e/fhir",
            "http://127.0.0.1:{port}/fhir/..;/fhir",
            "http://localhost:{port}/fhir",
            "https://127.0.0.1:{port}/fhir",
            "http://user@127.0.0.1:{port}/fhir",
            "http://127.0.0.1:{port}/fhir?_format=json",
            "http://[::1]:{elsewhere}/fhir"})
    void aFhirServerThatIsNotAllowedIsNeverContactedAndTheAnswerSaysSoWithoutNamingIt(String template) throws Exception {
        String fhirServer = fill(template);
        ObjectNode request = withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhirServer);
        String diagnostics = post(request, 412)
                .body("issue[0].code", equalTo("processing"))
                .body("issue[0].diagnostics", containsString("medications (not prefetched)"))
                .body("issue[0].diagnostics", containsString(
                        "fhirServer is not one this service may read from, so send it as prefetch"))
                .extract().path("issue[0].diagnostics");
        assertRevealsNothing(diagnostics);
        assertThat(fhir.seen()).isEmpty();
        assertNoConnection(elsewhere);
    }

    @Test
    void aFhirServerThatIsNotAllowedIsTreatedAsNoneAtAll() throws Exception {
        // All data prefetched, the medications with a next link onto that server: screened, said to be incomplete.
        String notAllowed = "http://127.0.0.1:" + elsewhere.getLocalPort() + "/fhir";
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        ((ObjectNode) prefetch.get("medications")).putArray("link").addObject().put("relation", "next")
                .put("url", notAllowed + "/MedicationRequest?page=2");
        post(withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()), notAllowed), 200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"))
                .body("cards.summary", hasItem(INCOMPLETE_MEDICATIONS));
        assertNoConnection(elsewhere);
    }

    @Test
    void theAllowedServerIsReadWithTheTokenWhateverTheCaseOfTheSchemeOrATrailingSlash() {
        fhir.answer(FakeFhirServer.from(ABSHIRE));
        String fhirServer = "HTTP://127.0.0.1:" + fhir.port() + "/fhir/";
        post(withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhirServer), 200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"));
        assertThat(fhir.seen()).hasSize(CdsServiceCatalog.PREFETCH.size())
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN))
                .allSatisfy(s -> assertThat(s.pathAndQuery().split("\\?")[0]).startsWith("/fhir/").doesNotContain("//"));
    }

    // --- the budget -----------------------------------------------------------------------------------------------

    @Test
    void aTarpitEndsTheCallAtTheDeadlineWith412AndEveryConnectionIsDropped() throws Exception {
        AtomicInteger stillSending = new AtomicInteger();
        fhir.misbehave(exchange -> {
            stillSending.incrementAndGet();
            try (exchange) {
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                for (int i = 0; i < 150; i++) { // headers at once, then one byte every 200 ms: 30 s in all
                    body.write(' ');
                    body.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the service hung up, as it should
            } finally {
                stillSending.decrementAndGet();
            }
        });
        long start = System.nanoTime();
        String diagnostics = post(withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()),
                fhir.base()), 412).extract().path("issue[0].diagnostics");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofMillis(FencedFhirProfile.BUDGET_MILLIS + 2000));
        assertThat(diagnostics).isEqualTo("MS-1602: required data could not be obtained from the FHIR server: patient, "
                + "medications, allergies, conditions, weight, height, creatinine, egfr; send it as prefetch");
        assertThat(fhir.seen()).hasSize(CdsServiceCatalog.PREFETCH.size());
        // The service aborted every exchange: nothing is left trickling into a worker thread.
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stillSending.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(stillSending).hasValue(0);
    }

    @Test
    void theKeysAreReadAtOnceNotOneAfterTheOther() {
        // Eight reads of 700 ms each: one after the other they would need 5.6 s, far over the 2 s budget, and the
        // call would be a 412. All eight arriving within the budget shows they ran at the same time.
        fhir.answer(FakeFhirServer.from(ABSHIRE)).slow(700);
        post(withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhir.base()), 200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"));
        assertThat(fhir.seen()).hasSize(CdsServiceCatalog.PREFETCH.size());
    }

    @Test
    void slowPagesStopAtTheDeadlineAndWhatWasReadIsScreenedAsIncomplete() {
        fhir.answer(endlessPages()).slow(600);
        long start = System.nanoTime();
        post(withAuthorization(HookRequests.orderSign(PATIENT, allButMedications(), naproxenOrder()), fhir.base()), 200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"))
                .body("cards.summary", hasItem(INCOMPLETE_MEDICATIONS));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofMillis(FencedFhirProfile.BUDGET_MILLIS + 2000));
        assertThat(fhir.seen()).hasSizeLessThan(5); // 600 ms each: the 2 s budget ends during the 4th
    }

    @Test
    void aSearchIsReadForAtMostFivePagesTheFirstIncluded() {
        fhir.answer(endlessPages());
        post(withAuthorization(HookRequests.orderSign(PATIENT, allButMedications(), naproxenOrder()), fhir.base()), 200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"))
                .body("cards.summary", hasItem(INCOMPLETE_MEDICATIONS));
        assertThat(fhir.seen()).extracting(FakeFhirServer.Seen::pathAndQuery)
                .hasSize(5)
                .allMatch(p -> p.startsWith("/fhir/MedicationRequest?"));
    }

    @Test
    void aCallMakesAtMostSixteenRequestsInAll() {
        // Every search has a next page: 8 first pages, then pages until the 16 requests are spent.
        fhir.answer(endlessPages());
        post(withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhir.base()), 200)
                .body("cards.summary", hasItem(containsString("Screening may be incomplete")))
                .body("cards.summary", hasItem(containsString("egfr")));
        assertThat(fhir.seen()).hasSize(16);
    }

    // --- answers that count as failed reads -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"oversize-chunked", "oversize-declared", "not-json", "too-many-entries", "server-error"})
    void aBrokenAnswerIsAFailedReadThat412sNamingOnlyTheKey(String kind) throws Exception {
        fhir.misbehave(broken(kind));
        String diagnostics;
        try (LogCapture log = new LogCapture()) {
            diagnostics = post(withAuthorization(HookRequests.orderSign(PATIENT, allButMedications(), naproxenOrder()),
                    fhir.base()), 412).extract().path("issue[0].diagnostics");
            assertThat(log.lines()).anyMatch(line -> line.contains("medications"))
                    .noneMatch(line -> line.contains(PATIENT) || line.contains(TOKEN)
                            || line.contains(String.valueOf(fhir.port())) || line.contains("127.0.0.1"));
        }
        assertThat(diagnostics).isEqualTo(ONLY_MEDICATIONS_FAILED);
        assertRevealsNothing(diagnostics);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        String target = "http://127.0.0.1:" + elsewhere.getLocalPort() + "/fhir/MedicationRequest";
        fhir.misbehave(exchange -> {
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        String diagnostics = post(withAuthorization(HookRequests.orderSign(PATIENT, allButMedications(),
                naproxenOrder()), fhir.base()), 412).extract().path("issue[0].diagnostics");
        assertThat(diagnostics).isEqualTo(ONLY_MEDICATIONS_FAILED);
        assertNoConnection(elsewhere);
    }

    // --- next links -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:{elsewhere}/fhir/MedicationRequest?page=2",
            "http://127.0.0.1:{port}@127.0.0.1:{elsewhere}/fhir/MedicationRequest?page=2",
            "http://127.0.0.1:{port}/fhir/../admin/MedicationRequest?page=2",
            "http://127.0.0.1:{port}/fhir/%2E%2E/admin/MedicationRequest?page=2",
            "http://127.0.0.1:{port}/fhir/..;/admin/MedicationRequest?page=2",
            "http://127.0.0.1:{port}/fhir/%2fadmin/MedicationRequest?page=2",
            "http://127.0.0.1:{port}/fhir2/MedicationRequest?page=2",
            "http://localhost:{port}/fhir/MedicationRequest?page=2",
            "http://user@127.0.0.1:{port}/fhir/MedicationRequest?page=2",
            "/fhir/MedicationRequest?page=2"})
    void aNextLinkOffTheFhirServerIsNotFollowedAndGetsNoToken(String template) throws Exception {
        fhir.answer(FakeFhirServer.from(ABSHIRE));
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        ((ObjectNode) prefetch.get("medications")).putArray("link").addObject().put("relation", "next")
                .put("url", fill(template));
        String diagnostics = post(withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()),
                fhir.base()), 412).extract().path("issue[0].diagnostics");
        assertThat(diagnostics).isEqualTo(ONLY_MEDICATIONS_FAILED);
        assertThat(fhir.seen()).isEmpty();
        assertNoConnection(elsewhere);
    }

    @Test
    void aNextLinkMustStayUnderTheRequestsFhirServerNotMerelyUnderTheAllowedBase() {
        fhir.answer(FakeFhirServer.from(ABSHIRE));
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        ((ObjectNode) prefetch.get("medications")).putArray("link").addObject().put("relation", "next")
                .put("url", fhir.base() + "/other-tenant/MedicationRequest?page=2");
        String tenant = fhir.base() + "/tenant-a";
        post(withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()), tenant), 412)
                .body("issue[0].diagnostics", equalTo(ONLY_MEDICATIONS_FAILED));
        assertThat(fhir.seen()).isEmpty();
    }

    @Test
    void aNextLinkUnderTheFhirServerIsFollowedWithTheToken() {
        ObjectNode secondPage = HookRequests.searchset(ABSHIRE, "MedicationRequest", null);
        fhir.answer(path -> path.equals("MedicationRequest?_page=2&_format=json") ? secondPage : null);
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        ObjectNode firstPage = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        firstPage.putArray("link").addObject().put("relation", "next")
                .put("url", "HTTP://127.0.0.1:" + fhir.port() + "/fhir/MedicationRequest?_page=2&_format=json");
        prefetch.set("medications", firstPage);
        post(withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()), fhir.base()), 200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"));
        assertThat(fhir.seen()).singleElement()
                .isEqualTo(new FakeFhirServer.Seen("/fhir/MedicationRequest?_page=2&_format=json", "Bearer " + TOKEN));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String fill(String template) {
        return template.replace("{port}", String.valueOf(fhir.port()))
                .replace("{elsewhere}", String.valueOf(elsewhere.getLocalPort()));
    }

    private static ValidatableResponse post(ObjectNode request, int status) {
        return given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(status).body(not(containsString(TOKEN)));
    }

    private static ObjectNode allButMedications() {
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        prefetch.remove("medications");
        return prefetch;
    }

    /** Every search answers the patient's resources of that type and a next link to one more page. */
    private java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> endlessPages() {
        java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> data = FakeFhirServer.from(ABSHIRE);
        return path -> {
            var page = data.apply(path);
            if (page instanceof ObjectNode bundle && "Bundle".equals(bundle.path("resourceType").asText())) {
                String type = path.substring(0, path.indexOf('?'));
                bundle.putArray("link").addObject().put("relation", "next")
                        .put("url", fhir.base() + "/" + type + "?page=" + System.nanoTime());
            }
            return page;
        };
    }

    private static HttpHandler broken(String kind) {
        return exchange -> {
            try (exchange) {
                switch (kind) {
                    case "oversize-chunked" -> { // 3 MB, no declared length: cut while reading at 2 MB
                        exchange.sendResponseHeaders(200, 0);
                        OutputStream body = exchange.getResponseBody();
                        body.write("{\"resourceType\":\"Bundle\",\"x\":\"".getBytes(StandardCharsets.UTF_8));
                        for (int i = 0; i < 30; i++) {
                            body.write(" ".repeat(100_000).getBytes(StandardCharsets.UTF_8));
                        }
                        body.write("\"}".getBytes(StandardCharsets.UTF_8));
                    }
                    case "oversize-declared" -> {
                        exchange.sendResponseHeaders(200, 3_000_000);
                        exchange.getResponseBody().write(new byte[3_000_000]);
                    }
                    case "not-json" -> send(exchange, 200, "<html>FHIR server maintenance</html>");
                    case "too-many-entries" -> {
                        ObjectNode bundle = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle");
                        ArrayNode entries = bundle.putArray("entry");
                        for (int i = 0; i < 5001; i++) {
                            entries.addObject();
                        }
                        send(exchange, 200, bundle.toString());
                    }
                    case "server-error" -> send(exchange, 503, "{\"resourceType\":\"OperationOutcome\"}");
                    default -> throw new IllegalArgumentException(kind);
                }
            } catch (IOException e) {
                // the service hung up on an oversize body, as it should
            }
        };
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Diagnostics an integrator sees: prefetch keys, never where the service tried to connect or what broke. */
    private void assertRevealsNothing(String diagnostics) {
        assertThat(diagnostics)
                .doesNotContainIgnoringCase("http")
                .doesNotContain("127.0.0.1", "localhost", "::1", String.valueOf(fhir.port()),
                        String.valueOf(elsewhere.getLocalPort()), "Exception", "timeout", "404", "503", "302", TOKEN,
                        PATIENT);
    }

    /** Nothing connected to {@code listener}: a connection would be waiting in its backlog. */
    private static void assertNoConnection(ServerSocket listener) throws IOException {
        listener.setSoTimeout(200);
        try (Socket s = listener.accept()) {
            throw new AssertionError("something connected to the listener that is not allowed: " + s);
        } catch (SocketTimeoutException expected) {
            // nothing there
        }
    }
}
