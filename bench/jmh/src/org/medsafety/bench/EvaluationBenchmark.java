package org.medsafety.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.engine.Evaluation;
import org.medsafety.engine.Evaluator;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One evaluation in process, as HookEvaluation runs it after reading the request: the snapshot built from the FHIR
 * resources ({@link #snapshotAndRules}) and the rules alone on a built snapshot ({@link #rules}). Patients come from
 * {@link PatientMix} (20 active medications, 5 allergies, weight, creatinine, eGFR, 2 draft orders by default); 64 of
 * them in turn, so no single patient's findings are all the JIT sees. Sample time: JMH reports p50/p90/p99.
 *
 * <p>{@code knowledge}: "shipped" (knowledge-base/) or a folder written by {@link SyntheticCompendium}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class EvaluationBenchmark {

    private static final int PATIENTS = 64;

    @Param({"shipped"})
    public String knowledge;

    @Param({"20"})
    public int activeMedications;

    @Param({"2"})
    public int draftOrders;

    private Ruleset ruleset;
    private final SnapshotBuilder builder = new SnapshotBuilder();
    private final FhirResources[] resources = new FhirResources[PATIENTS];
    private final JsonNode[] drafts = new JsonNode[PATIENTS];
    private final PatientSnapshot[] snapshots = new PatientSnapshot[PATIENTS];
    private Instant now;
    private int next;

    @Setup(Level.Trial)
    public void compile() throws IOException {
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path knowledgeDir = knowledge.equals("shipped") ? root.resolve("knowledge-base") : Path.of(knowledge);
        RulesetCompiler.Result compiled = new RulesetCompiler().compile(
                RulesetFiles.read(root.resolve("rules"), knowledgeDir));
        if (!compiled.ok()) {
            throw new IllegalStateException("the ruleset does not compile: " + compiled.problems());
        }
        ruleset = compiled.ruleset();
        PatientMix mix = PatientMix.of(root.resolve("knowledge-base"));
        now = Instant.now();
        int findings = 0;
        for (int i = 0; i < PATIENTS; i++) {
            JsonNode request = mix.request(13L, i, activeMedications, draftOrders, now);
            FhirResources data = new FhirResources();
            request.path("prefetch").forEach(data::add);
            resources[i] = data;
            drafts[i] = request.path("context").path("draftOrders");
            snapshots[i] = builder.build(request.path("context").path("patientId").asText(), data, drafts[i], null,
                    now);
            if (snapshots[i].activeMedications().size() != activeMedications
                    || snapshots[i].draftOrders().size() != draftOrders) {
                throw new IllegalStateException("patient " + i + " lost medications on the way into the snapshot");
            }
            findings += Evaluator.evaluate(ruleset, snapshots[i]).findings().size();
        }
        // Printed once per trial: a benchmark whose patients raise nothing would measure an idle rule engine.
        System.err.printf("[bench] %s: %d findings over %d patients%n", knowledge, findings, PATIENTS);
    }

    @Benchmark
    public Evaluation rules() {
        return Evaluator.evaluate(ruleset, snapshots[next++ & (PATIENTS - 1)]);
    }

    @Benchmark
    public Evaluation snapshotAndRules() {
        int i = next++ & (PATIENTS - 1);
        PatientSnapshot snapshot = builder.build(snapshots[i].patientId(), resources[i], drafts[i], null, now);
        return Evaluator.evaluate(ruleset, snapshot);
    }
}
