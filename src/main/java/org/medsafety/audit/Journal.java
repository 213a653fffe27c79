package org.medsafety.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A local append-only journal of opaque entries, kept in segment files in one directory: what the audit trail writes
 * when the database cannot take a record, so that the answer can still leave once the record is safe on this disk.
 *
 * <p>Each entry is framed as: magic {@code MSJ1} (4 bytes), sequence number (8), payload length (4), CRC32C of those
 * 16 bytes and the payload (4), then the payload. {@link #append} writes a batch and forces it to the device
 * ({@code FileChannel.force}) before it returns: an entry is acknowledged only once it is durable. After a crash the
 * last entry may be torn (partly written, or zeros the file system added): on open it is found by its length, magic,
 * sequence or checksum, cut off and never read as an entry. A torn entry was never acknowledged, since its
 * {@code force} had not returned.
 *
 * <p>Entries are read back in sequence order ({@link #peek}) and released once written elsewhere
 * ({@link #release}); a segment whose entries are all released is deleted. How far release got is kept in a small
 * checksummed file, forced after the entries were written elsewhere: a crash between the two means entries are read
 * again after a restart, so the reader must recognise entries it already wrote (the audit trail does, by each
 * record's UUID). The journal refuses an append that would take it over its size bound rather than grow without
 * limit. One process at a time: the directory is locked.
 *
 * <p>Thread-safe: every operation holds this object's monitor.
 */
public final class Journal implements AutoCloseable {

    /** One journaled entry: its place in the journal and what was appended. */
    public record Entry(long sequence, byte[] payload) {
    }

    /** Why an append was refused. */
    public enum Refusal { FULL, UNWRITABLE }

    /** An append the journal did not take: nothing of it is acknowledged. */
    public static final class RefusedException extends Exception {
        private final Refusal reason;

        RefusedException(Refusal reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    /** How an appended batch is made durable; replaceable so that tests can see where the boundary lies. */
    @FunctionalInterface
    public interface Durability {
        void force(FileChannel channel) throws IOException;

        Durability FSYNC = channel -> channel.force(false);
    }

    static final int MAGIC = 0x4D534A31; // "MSJ1"
    static final int HEADER = 20;
    /** Larger than any audit record the request limits allow; a length above it can only be a torn header. */
    static final int MAX_ENTRY = 64 * 1024 * 1024;
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{20})\\.log");
    private static final String SET_ASIDE = "set-aside.log";
    private static final String RELEASED = "released";

    private static final class Segment {
        final Path path;
        final long firstSequence;
        FileChannel channel;
        /** End of the last valid entry. */
        long size;
        /** What the file takes on disk: {@link #size}, plus unreadable bytes in a damaged segment. */
        long diskBytes;
        long lastSequence;
        /** Offset and sequence of the first entry not yet released. */
        long readOffset;
        long readSequence;
        /** An append failed here and could not be undone: appends go to a new segment. */
        boolean sealed;
        /** Found unreadable in the middle when the journal opened: kept, renamed, once its entries are released. */
        boolean damaged;

        Segment(Path path, long firstSequence) {
            this.path = path;
            this.firstSequence = firstSequence;
            this.lastSequence = firstSequence - 1;
            this.readSequence = firstSequence;
        }

        long entries() {
            return lastSequence - firstSequence + 1;
        }

        long unreleased() {
            return lastSequence - readSequence + 1;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Durability durability;
    private final Consumer<String> warnings;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long nextSequence = 1;
    private long bytes;
    private long backlog;
    private long setAside;
    private boolean closed;

    /**
     * Opens (creating if need be) the journal in {@code dir}, reading every segment: a torn tail is cut off, a
     * damaged entry ends what is read of its segment and is reported through {@code warnings}.
     *
     * @param maxBytes     the most the segments may hold together; an append beyond it is refused
     * @param segmentBytes size at which a new segment file is started
     */
    public Journal(Path dir, long maxBytes, long segmentBytes, Durability durability, Consumer<String> warnings)
            throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.durability = durability;
        this.warnings = warnings;
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------"); // entries hold patient data, like the database
        }
        lockChannel = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        }
        if (held == null) {
            lockChannel.close();
            throw new IOException("the audit journal directory " + dir + " is in use by another process; each "
                    + "instance needs its own journal directory");
        }
        lock = held;
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the journal with fsync and warnings ignored. */
    public static Journal open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        return new Journal(dir, maxBytes, segmentBytes, Durability.FSYNC, w -> {
        });
    }

    private void recover() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "journal-*.log")) {
            listing.forEach(files::add);
        }
        files.sort(null); // zero-padded first sequence: name order is sequence order
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Matcher m = SEGMENT.matcher(file.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            long first = Long.parseLong(m.group(1));
            if (first < nextSequence) {
                throw new IOException("journal segment " + file.getFileName() + " overlaps the one before it; the "
                        + "journal directory holds files that are not this journal's");
            }
            Segment s = new Segment(file, first);
            s.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long fileSize = s.channel.size();
            long offset = 0;
            long expected = first;
            while (offset < fileSize) {
                ByteBuffer header = readFully(s.channel, offset, HEADER);
                int length = header == null ? -1 : validLength(header, expected, fileSize - offset);
                if (length < 0 || readEntry(s.channel, offset, length, expected) == null) {
                    break;
                }
                offset += HEADER + length;
                expected++;
            }
            s.size = offset;
            s.diskBytes = offset;
            s.lastSequence = expected - 1;
            if (offset < fileSize) {
                if (i == files.size() - 1) {
                    // A torn tail: the append that wrote it never returned, so it was never acknowledged.
                    s.channel.truncate(offset);
                    durability.force(s.channel);
                    warnings.accept("journal segment " + file.getFileName() + ": an incomplete last entry ("
                            + (fileSize - offset) + " bytes at offset " + offset + ") was cut off");
                } else {
                    s.sealed = true;
                    s.damaged = true;
                    s.diskBytes = fileSize;
                    warnings.accept("journal segment " + file.getFileName() + " is damaged: " + (fileSize - offset)
                            + " bytes from offset " + offset + " do not read as entries; the " + s.entries()
                            + " entries before them are kept, and the file is kept as .damaged once they are written");
                }
            }
            if (s.entries() == 0) {
                s.channel.close();
                if (s.damaged) {
                    keepDamaged(s);
                } else {
                    Files.deleteIfExists(file);
                }
                continue;
            }
            segments.addLast(s);
            bytes += s.diskBytes;
            backlog += s.unreleased();
            nextSequence = Math.max(nextSequence, s.lastSequence + 1);
        }
        long released = readReleased();
        nextSequence = Math.max(nextSequence, released + 1);
        if (released > 0) {
            skipReleased(released);
        }
        Path aside = dir.resolve(SET_ASIDE);
        if (Files.exists(aside)) {
            try (FileChannel ch = FileChannel.open(aside, StandardOpenOption.READ)) {
                long offset = 0;
                while (offset + HEADER <= ch.size()) {
                    ByteBuffer header = readFully(ch, offset, HEADER);
                    offset += HEADER + header.getInt(12);
                    setAside++;
                }
            }
        }
    }

    /** The last sequence released before the journal was last closed or crashed; 0 if none is recorded. */
    private long readReleased() throws IOException {
        Path file = dir.resolve(RELEASED);
        if (!Files.exists(file) || Files.size(file) != 12) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 8);
        return (int) crc.getValue() == b.getInt(8) ? b.getLong(0) : 0;
    }

    private void writeReleased(long sequence) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).putLong(sequence);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 8);
        b.putInt((int) crc.getValue()).flip();
        try (FileChannel ch = FileChannel.open(dir.resolve(RELEASED), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            while (b.hasRemaining()) {
                ch.write(b, b.position());
            }
            durability.force(ch);
        }
    }

    /** At open: entries up to the recorded release are not backlog; segments holding only those are deleted. */
    private void skipReleased(long released) throws IOException {
        advance(released);
    }

    /** The payload length the header announces, or -1 if the header cannot be the entry expected here. */
    private static int validLength(ByteBuffer header, long expectedSequence, long remaining) {
        int length = header.getInt(12);
        if (header.getInt(0) != MAGIC || header.getLong(4) != expectedSequence || length <= 0 || length > MAX_ENTRY
                || HEADER + (long) length > remaining) {
            return -1;
        }
        return length;
    }

    /** The entry at {@code offset}, or null if its checksum does not match. */
    private static Entry readEntry(FileChannel channel, long offset, int length, long sequence) throws IOException {
        ByteBuffer whole = readFully(channel, offset, HEADER + length);
        if (whole == null) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(whole.array(), 0, 16);
        crc.update(whole.array(), HEADER, length);
        if ((int) crc.getValue() != whole.getInt(16)) {
            return null;
        }
        byte[] payload = new byte[length];
        System.arraycopy(whole.array(), HEADER, payload, 0, length);
        return new Entry(sequence, payload);
    }

    private static ByteBuffer readFully(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                return null;
            }
        }
        return buf.flip();
    }

    static ByteBuffer frame(long sequence, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.BIG_ENDIAN);
        buf.putInt(MAGIC).putLong(sequence).putInt(payload.length);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, 16);
        crc.update(payload);
        buf.putInt((int) crc.getValue()).put(payload);
        return buf.flip();
    }

    /**
     * Appends the payloads in order and forces them to the device; when this returns they are durable. Refused
     * whole, with nothing acknowledged, when they would take the journal over its bound or cannot be written.
     *
     * @return the sequence number of the last payload appended
     */
    public synchronized long append(List<byte[]> payloads) throws RefusedException {
        if (closed) {
            throw new RefusedException(Refusal.UNWRITABLE, "the audit journal is closed", null);
        }
        long need = 0;
        for (byte[] p : payloads) {
            if (p.length == 0 || p.length > MAX_ENTRY) {
                throw new IllegalArgumentException("a journal entry holds 1 to " + MAX_ENTRY + " bytes");
            }
            need += HEADER + p.length;
        }
        if (bytes + need > maxBytes) {
            throw new RefusedException(Refusal.FULL, "the audit journal is full (" + bytes + " of " + maxBytes
                    + " bytes held)", null);
        }
        Segment tail = segments.peekLast();
        long before = 0;
        try {
            if (tail == null || tail.sealed || (tail.size > 0 && tail.size + need > segmentBytes)) {
                tail = startSegment();
            }
            before = tail.size;
            ByteBuffer[] frames = new ByteBuffer[payloads.size()];
            long sequence = nextSequence;
            for (int i = 0; i < frames.length; i++) {
                frames[i] = frame(sequence++, payloads.get(i));
            }
            long position = before;
            for (ByteBuffer f : frames) {
                while (f.hasRemaining()) {
                    position += tail.channel.write(f, position);
                }
            }
            durability.force(tail.channel);
            tail.size = position;
            tail.diskBytes = position;
            tail.lastSequence = sequence - 1;
            nextSequence = sequence;
            bytes += need;
            backlog += payloads.size();
            return tail.lastSequence;
        } catch (IOException e) {
            undo(tail, before);
            throw new RefusedException(Refusal.UNWRITABLE, "the audit journal could not be written: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Takes back a failed append; if that fails too, the segment takes no more appends (it reads up to the gap). */
    private void undo(Segment tail, long size) {
        if (tail == null || tail.channel == null) {
            return;
        }
        try {
            tail.channel.truncate(size);
            durability.force(tail.channel);
        } catch (IOException again) {
            tail.sealed = true;
        }
    }

    private Segment startSegment() throws IOException {
        Path file = dir.resolve(String.format("journal-%020d.log", nextSequence));
        Segment s = new Segment(file, nextSequence);
        s.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ownerOnly(file, "rw-------");
        syncDirectory();
        segments.addLast(s);
        return s;
    }

    private static void ownerOnly(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its own access control applies
        }
    }

    /** A new segment file must survive a crash as surely as the entries in it. */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            durability.force(d);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the entries themselves are still forced.
            if (!e.getClass().getSimpleName().equals("AccessDeniedException")) {
                warnings.accept("the journal directory could not be synced: " + e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Up to {@code maxEntries} entries (and, beyond the first, about {@code maxBytes} of payload), oldest first,
     * from the first not released; nothing is consumed.
     */
    public synchronized List<Entry> peek(int maxEntries, long byteBudget) throws IOException {
        List<Entry> result = new ArrayList<>();
        long taken = 0;
        for (Segment s : segments) {
            long offset = s.readOffset;
            for (long seq = s.readSequence; seq <= s.lastSequence; seq++) {
                if (result.size() >= maxEntries) {
                    return result;
                }
                ByteBuffer header = readFully(s.channel, offset, HEADER);
                int length = header == null ? -1 : validLength(header, seq, s.size - offset);
                Entry e = length < 0 ? null : readEntry(s.channel, offset, length, seq);
                if (e == null) {
                    throw new IOException("journal segment " + s.path.getFileName() + " no longer reads at "
                            + "sequence " + seq + " (changed on disk since it was written)");
                }
                if (!result.isEmpty() && taken + length > byteBudget) {
                    return result;
                }
                result.add(e);
                taken += length;
                offset += HEADER + length;
            }
        }
        return result;
    }

    /**
     * Marks every entry up to {@code sequence} as written elsewhere; segments holding only such entries are deleted.
     */
    public synchronized void release(long sequence) throws IOException {
        writeReleased(sequence); // first: a crash before the deletes below only means entries are read again
        advance(sequence);
    }

    private void advance(long sequence) throws IOException {
        while (!segments.isEmpty()) {
            Segment s = segments.peekFirst();
            while (s.readSequence <= Math.min(sequence, s.lastSequence)) {
                ByteBuffer header = readFully(s.channel, s.readOffset, HEADER);
                s.readOffset += HEADER + header.getInt(12);
                s.readSequence++;
                backlog--;
            }
            if (s.unreleased() > 0) {
                return;
            }
            segments.removeFirst();
            s.channel.close();
            bytes -= s.diskBytes;
            if (s.damaged) {
                keepDamaged(s);
            } else {
                Files.deleteIfExists(s.path);
            }
        }
    }

    private void keepDamaged(Segment s) throws IOException {
        Files.move(s.path, s.path.resolveSibling(s.path.getFileName() + ".damaged"));
    }

    /**
     * Keeps an entry that can never be written elsewhere (the database refuses it) in a separate file, never replayed,
     * so that it is neither lost nor retried forever; the caller then releases it.
     */
    public synchronized void setAside(Entry entry) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(SET_ASIDE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer f = frame(entry.sequence(), entry.payload());
            while (f.hasRemaining()) {
                ch.write(f);
            }
            durability.force(ch);
        }
        setAside++;
    }

    /** Entries appended and not yet released. */
    public synchronized long backlog() {
        return backlog;
    }

    /** Bytes the segments hold on disk. */
    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Entries ever set aside in this directory. */
    public synchronized long setAsideCount() {
        return setAside;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Segment s : segments) {
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // closing: nothing left to protect
            }
        }
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // the lock goes with the channel
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
