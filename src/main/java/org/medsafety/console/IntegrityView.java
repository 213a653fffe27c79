package org.medsafety.console;

import io.quarkus.qute.TemplateData;
import org.medsafety.audit.CheckpointList;
import org.medsafety.audit.IntegrityReport;

import java.util.ArrayList;
import java.util.List;

/** The integrity report and the signed checkpoints, shaped as {@code /audit/integrity} and {@code /audit/checkpoints}. */
@TemplateData
public record IntegrityView(boolean intact, boolean full, List<Chain> chains, List<String> problems,
                            List<Checkpoint> checkpoints, List<Key> keys, Object nextCheckpoints) {

    @TemplateData
    public record Chain(String name, boolean intact, Object checked, Object fromId, Object toId, Object headId,
                        Object resumedFromCheckpoint) {
    }

    @TemplateData
    public record Checkpoint(Object id, String kind, String chain, Object lastId, String hash, String time,
                             String keyId, boolean inDatabase, boolean inFile) {
    }

    @TemplateData
    public record Key(String keyId, boolean signing, String pem) {
    }

    static IntegrityView of(IntegrityReport report, CheckpointList signed) {
        List<Chain> chains = new ArrayList<>();
        report.chains().forEach((name, c) -> chains.add(new Chain(name, c.intact(), c.checked(), c.fromId(),
                c.toId(), c.headId(), c.resumedFromCheckpoint())));
        List<String> problems = report.problems().stream()
                .map(p -> p.chain() + " record " + p.id() + " (" + p.kind() + "): " + p.message())
                .toList();
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        if (signed != null) {
            signed.checkpoints().forEach(c -> checkpoints.add(new Checkpoint(c.id(), c.kind(), c.chain(),
                    c.lastId(), c.hash(), c.time(), c.keyId(), c.inDatabase(), c.inFile())));
            signed.publicKeys().forEach(k -> keys.add(new Key(k.keyId(), k.signing(), k.pem())));
        }
        return new IntegrityView(report.intact(), report.full(), chains, problems, checkpoints, keys,
                signed == null ? null : signed.next());
    }
}
