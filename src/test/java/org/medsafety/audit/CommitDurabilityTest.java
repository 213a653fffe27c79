package org.medsafety.audit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 file the service forces after each audit write, read from the JDBC URL. */
class CommitDurabilityTest {

    @Test
    void theDatabaseFileOfAnEmbeddedUrl() {
        assertThat(CommitDurability.h2DatabaseFile("jdbc:h2:file:./data/medsafety;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"))
                .contains(Path.of("./data/medsafety.mv.db"));
        assertThat(CommitDurability.h2DatabaseFile("jdbc:h2:/var/lib/medsafety/db")).contains(
                Path.of("/var/lib/medsafety/db.mv.db"));
        assertThat(CommitDurability.h2DatabaseFile("jdbc:h2:~/medsafety")).contains(
                Path.of(System.getProperty("user.home") + "/medsafety.mv.db"));
    }

    @Test
    void noFileForMemoryServersOrOtherDatabases() {
        assertThat(CommitDurability.h2DatabaseFile("jdbc:h2:mem:medsafety;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(CommitDurability.h2DatabaseFile("jdbc:h2:tcp://db.example/medsafety")).isEmpty();
        assertThat(CommitDurability.h2DatabaseFile("jdbc:postgresql://127.0.0.1:5432/medsafety")).isEmpty();
    }
}
