package org.medsafety.admin;

import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.KnowledgeLoader;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tuning edits the local-tuning.csv of its base files and nothing else, and keeps every other row as written. */
class TuningTableTest {

    static RulesetFiles base(String tuningCsv) {
        Map<String, byte[]> knowledge = new java.util.HashMap<>(Map.of("interactions.csv", "id\n".getBytes()));
        if (tuningCsv != null) {
            knowledge.put(KnowledgeLoader.LOCAL_TUNING, tuningCsv.getBytes(StandardCharsets.UTF_8));
        }
        return new RulesetFiles(Map.of("dose/dose.drl", "package dose;".getBytes()), knowledge);
    }

    @Test
    void rowsAreReadFromTheBaseFilesAsWrittenAndAChangeAddsOneRow() {
        RulesetFiles base = base("""
                # a comment
                target,action,severity,reason,author,date,source
                DDI-A,lower,moderate,"clinic reviews, weekly",alice,2026-01-02,"Local decision by alice on 2026-01-02"
                """);
        TuningTable table = TuningTable.of(base);
        table.put("DDI-B", "disable", null, "say \"why\"", "bob", "2026-02-03");
        RulesetFiles edited = table.applyTo(base);

        TuningTable reread = TuningTable.of(edited);
        assertThat(reread.rows()).containsOnlyKeys("DDI-A", "DDI-B");
        assertThat(reread.rows().get("DDI-A")).containsExactly("DDI-A", "lower", "moderate", "clinic reviews, weekly",
                "alice", "2026-01-02", "Local decision by alice on 2026-01-02");
        assertThat(reread.rows().get("DDI-B")).containsExactly("DDI-B", "disable", "", "say \"why\"", "bob",
                "2026-02-03", "Local decision by bob on 2026-02-03");
        assertThat(edited.rules()).isEqualTo(base.rules());
        assertThat(edited.knowledge().get("interactions.csv")).isEqualTo(base.knowledge().get("interactions.csv"));
    }

    @Test
    void removingTheLastRowRemovesTheFileAndUnknownTargetsAreReported() {
        RulesetFiles base = base("target,action,severity,reason,author,date,source\nDDI-A,disable,,r,a,2026-01-01,s\n");
        TuningTable table = TuningTable.of(base);
        assertThat(table.remove("DDI-NOPE")).isFalse();
        assertThat(table.remove("DDI-A")).isTrue();
        assertThat(table.applyTo(base).knowledge()).doesNotContainKey(KnowledgeLoader.LOCAL_TUNING);
        assertThat(TuningTable.of(base(null)).rows()).isEmpty();
    }

    @Test
    void lineBreaksInAReasonDoNotBreakTheRow() {
        TuningTable table = TuningTable.of(base(null));
        table.put("DDI-A", "disable", null, "first line\r\nsecond", "alice", "2026-01-01");
        RulesetFiles edited = table.applyTo(base(null));
        String csv = new String(edited.knowledge().get(KnowledgeLoader.LOCAL_TUNING), StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(TuningTable.of(edited).rows().get("DDI-A").get(3)).isEqualTo("first line  second");
        assertThat(List.of(csv.split("\n"))).element(1).isEqualTo(String.join(",", TuningTable.COLUMNS));
    }
}
