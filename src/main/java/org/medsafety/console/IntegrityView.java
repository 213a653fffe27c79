package org.medsafety.console;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @SuppressWarnings("unchecked")
    static IntegrityView of(Map<String, Object> report, Map<String, Object> signed) {
        List<Chain> chains = new ArrayList<>();
        ((Map<String, Map<String, Object>>) report.get("chains")).forEach((name, c) -> chains.add(new Chain(name,
                Boolean.TRUE.equals(c.get("intact")), c.get("checked"), c.get("fromId"), c.get("toId"),
                c.get("headId"), c.get("resumedFromCheckpoint"))));
        List<String> problems = ((List<Map<String, Object>>) report.get("problems")).stream()
                .map(p -> p.get("chain") + " record " + p.get("id") + " (" + p.get("kind") + "): " + p.get("message"))
                .toList();
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        if (signed != null) {
            ((List<Map<String, Object>>) signed.get("checkpoints")).forEach(c -> checkpoints.add(new Checkpoint(
                    c.get("id"), (String) c.get("kind"), (String) c.get("chain"), c.get("lastId"),
                    (String) c.get("hash"), (String) c.get("time"), (String) c.get("keyId"),
                    Boolean.TRUE.equals(c.get("inDatabase")), Boolean.TRUE.equals(c.get("inFile")))));
            ((List<Map<String, Object>>) signed.get("publicKeys")).forEach(k -> keys.add(new Key(
                    (String) k.get("keyId"), Boolean.TRUE.equals(k.get("signing")), (String) k.get("pem"))));
        }
        return new IntegrityView(Boolean.TRUE.equals(report.get("intact")), Boolean.TRUE.equals(report.get("full")),
                chains, problems, checkpoints, keys, signed == null ? null : signed.get("next"));
    }
}
