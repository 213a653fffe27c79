package org.medsafety.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.KnowledgeLoader;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version's files come back from the database exactly as published, the gzipped vocabulary included: read back as
 * text, a binary file would change, and with it the version, and every instance would keep reloading it.
 */
@QuarkusTest
class RulesetStoreFilesTest {

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Test
    void theGzippedVocabularyIsStoredAsBase64AndReadBackByteForByte() throws Exception {
        String version = active.current().version();

        RulesetFiles stored = store.load(version);

        assertThat(stored.contentHash()).isEqualTo(version);
        byte[] shipped = Files.readAllBytes(Path.of("knowledge-base", KnowledgeLoader.VOCABULARY));
        assertThat(stored.knowledge().get(KnowledgeLoader.VOCABULARY)).isEqualTo(shipped);
        RulesetFileRecord row = QuarkusTransaction.requiringNew().call(() -> RulesetFileRecord.find(
                "version = ?1 and path = ?2", version, "knowledge-base/" + KnowledgeLoader.VOCABULARY).firstResult());
        assertThat(row.contentEncoding).isEqualTo(RulesetFileRecord.BASE64);
        RulesetFileRecord csv = QuarkusTransaction.requiringNew().call(() -> RulesetFileRecord.find(
                "version = ?1 and path = ?2", version, "knowledge-base/" + KnowledgeLoader.INGREDIENTS).firstResult());
        assertThat(csv.contentEncoding).as("text stays readable in the database").isNull();
        assertThat(csv.content).startsWith("# Active ingredients");
    }
}
