package org.medsafety.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoint file outside the database: appended, read back whole, a crash-torn last line tolerated. */
class CheckpointFileTest {

    @TempDir
    Path dir;

    static SignedCheckpoint checkpoint(long id) {
        return new SignedCheckpoint(id, "signed", "feedback", id * 10, "cd".repeat(32),
                Instant.parse("2026-03-01T10:15:30.000001Z"), "c2lnbmF0dXJl", "0123456789abcdef");
    }

    @Test
    void checkpointsAreAppendedAndReadBackExactly() {
        CheckpointFile file = new CheckpointFile(dir.resolve("new/checkpoints.ndjson"));
        assertThat(file.read().checkpoints()).isEmpty();
        file.append(List.of(checkpoint(1), checkpoint(2)));
        file.append(List.of(checkpoint(3)));
        assertThat(file.read().checkpoints()).containsExactly(checkpoint(1), checkpoint(2), checkpoint(3));
        assertThat(file.read().unreadableLines()).isEmpty();
    }

    @Test
    void aLastLineCutShortByACrashIsSkippedAndAnyOtherDamageIsReported() throws Exception {
        Path path = dir.resolve("checkpoints.ndjson");
        CheckpointFile file = new CheckpointFile(path);
        file.append(List.of(checkpoint(1), checkpoint(2)));
        Files.writeString(path, "{\"id\":3,\"kind\":\"sig", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(file.read().checkpoints()).hasSize(2);
        assertThat(file.read().unreadableLines()).isEmpty();

        List<String> lines = Files.readAllLines(path);
        Files.write(path, List.of(lines.get(0), "edited by hand", lines.get(1)));
        assertThat(file.read().checkpoints()).containsExactly(checkpoint(1), checkpoint(2));
        assertThat(file.read().unreadableLines()).containsExactly(2);
    }
}
