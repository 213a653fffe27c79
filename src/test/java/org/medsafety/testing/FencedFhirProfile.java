package org.medsafety.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The one test profile for FHIR reads (one Quarkus boot for all of them): a {@link FakeFhirServer} on a dynamic
 * port, started before Quarkus boots, is the only allowed FHIR base; the budget is 2 s so slow-server tests end
 * quickly. Tests reach the server through {@link #fhir()} and {@link FakeFhirServer#reset()} it before each test.
 */
public final class FencedFhirProfile implements QuarkusTestProfile {

    /** Total time allowed for a call's FHIR reads in this profile. */
    public static final long BUDGET_MILLIS = 2000;

    private static volatile FakeFhirServer server;

    public static FakeFhirServer fhir() {
        return server;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("medsafety.fhir.timeout", BUDGET_MILLIS + "ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    /** Starts the fake server and allows exactly its /fhir base. */
    public static final class Server implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                server = new FakeFhirServer(path -> null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("medsafety.fhir.allowed-bases", server.base());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}
