package org.medsafety.bench;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.medsafety.security.SignatureChecks;
import org.medsafety.testing.TestEhr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.Key;
import java.util.concurrent.TimeUnit;

/**
 * The signature check of one client JWT with jose4j, for the two algorithms EHRs use: ES384 (the CDS Hooks Sandbox,
 * and bench/run.sh's load) and RS384 (Epic); {@code checker=jdk} with the JDK's providers and the key as received,
 * {@code checker=service} as CdsTokenVerifier does it ({@link SignatureChecks}: Bouncy Castle and a kept key for EC).
 * The first pass's profile of the HTTP load put a quarter of the service's CPU in the JDK's P-384 arithmetic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TokenSignatureBenchmark {

    @Param({"ES384", "RS384"})
    public String alg;

    @Param({"jdk", "service"})
    public String checker;

    private final SignatureChecks checks = new SignatureChecks();

    private String token;
    private Key key;

    @Setup
    public void sign() {
        TestEhr ehr = alg.equals("ES384") ? TestEhr.es384("https://ehr.bench.example")
                : TestEhr.rs384("https://ehr.bench.example");
        token = ehr.token("http://127.0.0.1/cds-services/medication-safety-sign");
        key = ehr.key().getPublicKey();
    }

    @Benchmark
    public boolean verify() throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        if (checker.equals("service")) {
            jws.setProviderContext(checks.contextFor(alg));
            jws.setKey(checks.keyFor(key));
        } else {
            jws.setKey(key);
        }
        if (!jws.verifySignature()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
        return true;
    }
}
