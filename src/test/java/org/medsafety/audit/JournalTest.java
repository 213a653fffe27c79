package org.medsafety.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal keeps what it acknowledged across a crash, reads back nothing it did not acknowledge, and refuses
 * rather than grow past its bound. A "crash" here is a journal abandoned without close, its files then changed the
 * way an interrupted write leaves them, and a new journal opened on the same directory.
 */
class JournalTest {

    @TempDir
    Path dir;

    private final List<Journal> opened = new ArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
    }

    private Journal open(long maxBytes, long segmentBytes) throws IOException {
        return open(maxBytes, segmentBytes, Journal.Durability.FSYNC);
    }

    private Journal open(long maxBytes, long segmentBytes, Journal.Durability durability) throws IOException {
        Journal j = new Journal(dir, maxBytes, segmentBytes, durability, warnings::add);
        opened.add(j);
        return j;
    }

    /** A crash: the journal is never closed, only its lock let go, as the process's death would. */
    private void crash(Journal j) {
        j.close();
        opened.remove(j);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Journal.Entry> entries) {
        return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    private Path onlySegment() throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().matches("journal-\\d+\\.log")).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    @Test
    void appendedEntriesReadBackInOrderAfterARestart() throws Exception {
        Journal j = open(1 << 20, 1 << 20);
        j.append(List.of(bytes("one"), bytes("two")));
        j.append(List.of(bytes("three")));
        crash(j);

        Journal again = open(1 << 20, 1 << 20);
        List<Journal.Entry> entries = again.peek(100, 1 << 20);
        assertThat(texts(entries)).containsExactly("one", "two", "three");
        assertThat(entries).extracting(Journal.Entry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(again.backlog()).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void appendReturnsOnlyAfterEverythingItWroteWasForced() throws Exception {
        List<Long> forcedSizes = new ArrayList<>();
        Journal j = open(1 << 20, 1 << 20, channel -> {
            channel.force(false);
            if (channel.size() > 0) {
                forcedSizes.add(channel.size());
            }
        });
        j.append(List.of(bytes("alpha"), bytes("beta")));
        long sizeAfterFirst = Files.size(onlySegment());
        j.append(List.of(bytes("gamma")));

        // (the directory is forced too, when a segment file is created)
        assertThat(forcedSizes).as("each append forced every byte it wrote before returning")
                .containsSubsequence(sizeAfterFirst, Files.size(onlySegment()))
                .last().isEqualTo(Files.size(onlySegment()));
    }

    @Test
    void anAppendWhoseForceFailsIsNotAcknowledgedAndLeavesNothingBehind() throws Exception {
        boolean[] fail = {false};
        Journal j = open(1 << 20, 1 << 20, channel -> {
            if (fail[0] && channel.size() > 0) {
                throw new IOException("device gone");
            }
            channel.force(false);
        });
        j.append(List.of(bytes("kept")));
        fail[0] = true;
        assertThatThrownBy(() -> j.append(List.of(bytes("lost"))))
                .isInstanceOf(Journal.RefusedException.class)
                .satisfies(e -> assertThat(((Journal.RefusedException) e).reason())
                        .isEqualTo(Journal.Refusal.UNWRITABLE));
        fail[0] = false;
        j.append(List.of(bytes("after")));
        crash(j);

        assertThat(texts(open(1 << 20, 1 << 20).peek(100, 1 << 20))).containsExactly("kept", "after");
    }

    @Test
    void aTornLastEntryIsCutOffAndNeverReadAsAnEntry() throws Exception {
        Journal j = open(1 << 20, 1 << 20);
        j.append(List.of(bytes("complete")));
        j.append(List.of(bytes("torn in the crash")));
        crash(j);
        Path segment = onlySegment();
        long full = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(full - 5); // the last append's payload was cut short
        }

        Journal again = open(1 << 20, 1 << 20);
        assertThat(texts(again.peek(100, 1 << 20))).containsExactly("complete");
        assertThat(warnings).singleElement().asString().contains("incomplete last entry");
        // The torn bytes are gone, so what is appended next reads back after the complete entry.
        again.append(List.of(bytes("next")));
        crash(again);
        assertThat(texts(open(1 << 20, 1 << 20).peek(100, 1 << 20))).containsExactly("complete", "next");
    }

    @Test
    void aTailOfZerosOrAHalfHeaderIsTornToo() throws Exception {
        Journal j = open(1 << 20, 1 << 20);
        j.append(List.of(bytes("complete")));
        crash(j);
        try (FileChannel ch = FileChannel.open(onlySegment(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(4096)); // a file system that extended the file with zeros
        }
        Journal again = open(1 << 20, 1 << 20);
        assertThat(texts(again.peek(100, 1 << 20))).containsExactly("complete");
        crash(again);

        try (FileChannel ch = FileChannel.open(onlySegment(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x4D, 0x53, 0x4A, 0x31, 0, 0})); // magic and half a sequence
        }
        assertThat(texts(open(1 << 20, 1 << 20).peek(100, 1 << 20))).containsExactly("complete");
    }

    @Test
    void aFlippedBitFailsTheChecksumAndTheEntryIsNotRead() throws Exception {
        Journal j = open(1 << 20, 1 << 20);
        j.append(List.of(bytes("first")));
        j.append(List.of(bytes("second, whose payload is changed on disk")));
        crash(j);
        Path segment = onlySegment();
        byte[] raw = Files.readAllBytes(segment);
        raw[raw.length - 3] ^= 0x01; // same length, same header: only the checksum can tell
        Files.write(segment, raw);

        assertThat(texts(open(1 << 20, 1 << 20).peek(100, 1 << 20))).containsExactly("first");
    }

    @Test
    void releasedEntriesAreNotReadAgainAndEmptySegmentsAreDeleted() throws Exception {
        Journal j = open(1 << 20, 64); // a new segment for nearly every append
        for (int i = 1; i <= 5; i++) {
            j.append(List.of(bytes("entry-" + i)));
        }
        long segments;
        try (var files = Files.list(dir)) {
            segments = files.filter(p -> p.toString().endsWith(".log")).count();
        }
        assertThat(segments).isGreaterThan(1);

        List<Journal.Entry> firstTwo = j.peek(2, 1 << 20);
        assertThat(texts(firstTwo)).containsExactly("entry-1", "entry-2");
        j.release(firstTwo.get(1).sequence());
        assertThat(texts(j.peek(100, 1 << 20))).containsExactly("entry-3", "entry-4", "entry-5");
        assertThat(j.backlog()).isEqualTo(3);

        j.release(5);
        assertThat(j.backlog()).isZero();
        assertThat(j.bytes()).isZero();
        assertThat(j.peek(100, 1 << 20)).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".log")).toList()).isEmpty();
        }
        // Sequences go on after everything was released.
        j.append(List.of(bytes("entry-6")));
        assertThat(j.peek(1, 1 << 20).get(0).sequence()).isEqualTo(6);
    }

    @Test
    void entriesNotReleasedBeforeACrashAreReadAgainInOrder() throws Exception {
        Journal j = open(1 << 20, 64);
        for (int i = 1; i <= 6; i++) {
            j.append(List.of(bytes("e" + i)));
        }
        j.release(2);
        crash(j);

        Journal again = open(1 << 20, 64);
        List<String> read = texts(again.peek(100, 1 << 20));
        // What was released may be read again (its segment may still exist); what was not is always read, in order.
        assertThat(read).containsSubsequence("e3", "e4", "e5", "e6");
        assertThat(read).isSorted();
    }

    @Test
    void aFullJournalRefusesTheWholeAppendAndTakesMoreOnceReleased() throws Exception {
        byte[] kb = new byte[1000];
        Journal j = open(3 * 1020, 1 << 20);
        j.append(List.of(kb, kb));
        assertThatThrownBy(() -> j.append(List.of(kb, kb)))
                .isInstanceOf(Journal.RefusedException.class)
                .satisfies(e -> assertThat(((Journal.RefusedException) e).reason()).isEqualTo(Journal.Refusal.FULL));
        assertThat(j.backlog()).as("nothing of the refused append was kept").isEqualTo(2);
        j.append(List.of(kb)); // still fits
        assertThatThrownBy(() -> j.append(List.of(new byte[1]))).isInstanceOf(Journal.RefusedException.class);

        j.release(3);
        j.append(List.of(kb, kb));
        assertThat(j.backlog()).isEqualTo(2);
    }

    @Test
    void aDirectoryInUseByAnotherJournalIsRefused() throws Exception {
        open(1 << 20, 1 << 20);
        assertThatThrownBy(() -> new Journal(dir, 1 << 20, 1 << 20, Journal.Durability.FSYNC, w -> {
        })).isInstanceOf(IOException.class).hasMessageContaining("in use");
    }

    @Test
    void entriesSetAsideAreCountedAndNeverReadAgain() throws Exception {
        Journal j = open(1 << 20, 1 << 20);
        j.append(IntStream.rangeClosed(1, 3).mapToObj(i -> bytes("e" + i)).toList());
        Journal.Entry second = j.peek(2, 1 << 20).get(1);
        j.release(1);
        j.setAside(second);
        j.release(2);
        crash(j);

        Journal again = open(1 << 20, 1 << 20);
        assertThat(again.setAsideCount()).isEqualTo(1);
        assertThat(texts(again.peek(100, 1 << 20))).contains("e3").doesNotContain("e2");
    }
}
