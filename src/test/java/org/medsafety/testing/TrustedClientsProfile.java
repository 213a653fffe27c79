package org.medsafety.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service as a hospital runs it for its EHRs: a clients file with two registered EHRs (one signing ES384, one
 * RS384, keys generated for this run) and the public base URL their tokens' aud must name. Still on loopback, so
 * the audit endpoints keep the quick-start users the tests read the trail with.
 */
public class TrustedClientsProfile implements QuarkusTestProfile {

    public static final String PUBLIC_BASE = "https://cds.hospital.example";
    private static final Path DIR = Path.of("target", "trusted-clients-profile");

    /** The EHR that signs with ES384. */
    public static TestEhr epicLike() {
        ensureKeys();
        return TestEhr.load(DIR.resolve("es384-ehr.json"));
    }

    /** The EHR that signs with RS384. */
    public static TestEhr cernerLike() {
        ensureKeys();
        return TestEhr.load(DIR.resolve("rs384-ehr.json"));
    }

    /** An EHR nobody registered. */
    public static TestEhr stranger() {
        return TestEhr.es384("https://stranger.example");
    }

    private static synchronized void ensureKeys() {
        if (Files.exists(DIR.resolve("clients.json"))) {
            return;
        }
        TestEhr es = TestEhr.es384("https://ehr-one.example.org");
        TestEhr rs = TestEhr.rs384("https://ehr-two.example.org");
        es.save(DIR.resolve("es384-ehr.json"));
        rs.save(DIR.resolve("rs384-ehr.json"));
        try {
            Files.copy(TestEhr.clientsFile(es, rs), DIR.resolve("clients.json"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        ensureKeys();
        return Map.of("medsafety.cds-clients.file", DIR.resolve("clients.json").toString(),
                "medsafety.public-base-url", PUBLIC_BASE);
    }
}
