package org.medsafety.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.medsafety.audit.GroupCommitWriter.FailureKind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The audit trail's degraded mode, in one owner: the local {@link Journal}, whether records go to it, and the
 * replay that brings them into the database in order once it answers again. Health and metrics read its
 * {@link #state()} and {@link #backlog()}.
 *
 * <p>While {@linkplain #engaged() engaged} (from the first record the database could not take until the backlog is
 * empty) every new record goes to the journal too, behind the ones already there, so records reach the database in
 * the order they were journaled. Replay writes through the audit trail's own writer (the {@link Target}), which
 * continues the hash chain and skips records the database already holds: each is written exactly once however
 * often it is replayed. An entry the database refuses outright is set aside in a file of its own, so it can
 * neither block the others nor be lost.
 */
@ApplicationScoped
public class AuditJournal implements GroupCommitWriter.Fallback<EvaluationEntry> {

    private static final Logger LOG = Logger.getLogger(AuditJournal.class);
    static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final int REPLAY_BATCH = 256;
    private static final long REPLAY_BATCH_BYTES = 8L * 1024 * 1024;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** Where audit records are going. */
    public enum State {
        /** Straight to the database. */
        DATABASE,
        /** To the local journal (the database is unreachable or slow, or its backlog is being replayed). */
        JOURNALING,
        /** The journal is full: records that cannot reach the database are refused, and so are their calls. */
        FULL,
        /** The journal cannot be written: records that cannot reach the database are refused. */
        UNWRITABLE
    }

    /** Writes journaled entries to the database, in order, in one transaction, skipping those already there. */
    @FunctionalInterface
    public interface Target {
        void write(List<AuditEntry> entries) throws Exception;
    }

    private final JournalCodec codec = new JournalCodec();
    private final Object appendLock = new Object();
    private final Object wake = new Object();
    private final AtomicLong replayed = new AtomicLong();
    private volatile Journal journal;
    private volatile String unwritable;
    private volatile Journal.Refusal lastRefusal;
    private volatile boolean engaged;
    private volatile boolean databaseReachable = true;
    private volatile boolean replaying;
    private Thread replayer;
    private Target target;
    private Function<Throwable, FailureKind> classify;

    /** Opens the journal directory; if it cannot be opened the service still runs, on the database alone. */
    public synchronized void open(Path dir, long maxBytes) {
        try {
            journal = new Journal(dir, maxBytes, Math.min(SEGMENT_BYTES, Math.max(1, maxBytes / 4)),
                    Journal.Durability.FSYNC, LOG::warn);
            unwritable = null;
            if (journal.backlog() > 0) {
                engaged = true;
                LOG.warnf("Audit journal holds %d records not yet in the database; they are replayed before any "
                        + "new record is written there", journal.backlog());
            }
        } catch (IOException | RuntimeException e) {
            journal = null;
            unwritable = e.getMessage();
            LOG.errorf("Audit journal %s cannot be opened (%s): while the database is up nothing is lost, but "
                    + "during an outage calls will get 503", dir, e.getMessage());
        }
    }

    /** Starts replaying (at once if the journal holds records from before a restart). */
    public synchronized void start(Target target, Function<Throwable, FailureKind> classify) {
        this.target = target;
        this.classify = classify;
        replaying = true;
        replayer = new Thread(this::replayLoop, "audit-journal-replay");
        replayer.setDaemon(true);
        replayer.start();
    }

    @Override
    public boolean engaged() {
        return engaged;
    }

    @Override
    public void divert(List<EvaluationEntry> records, Throwable why) throws Journal.RefusedException {
        append(records, why);
    }

    /** Journals feedback that cannot reach the database now; durable when this returns. */
    public void journalFeedback(List<FeedbackEntry> entries, Throwable why) throws Journal.RefusedException {
        append(entries, why);
    }

    private void append(List<? extends AuditEntry> entries, Throwable why) throws Journal.RefusedException {
        if (why instanceof TimeoutException || (why != null && AuditFailures.unavailable(why))) {
            databaseReachable = false;
        }
        Journal j = journal;
        if (j == null) {
            lastRefusal = Journal.Refusal.UNWRITABLE;
            throw new Journal.RefusedException(Journal.Refusal.UNWRITABLE, "the audit journal could not be opened: "
                    + unwritable, why);
        }
        List<byte[]> payloads = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            payloads.add(codec.encode(e));
        }
        boolean wasEngaged;
        synchronized (appendLock) {
            try {
                j.append(payloads);
            } catch (Journal.RefusedException refused) {
                if (lastRefusal != refused.reason()) {
                    LOG.errorf("Audit journal refused %d records: %s; their calls are answered 503",
                            entries.size(), refused.getMessage());
                }
                lastRefusal = refused.reason();
                throw refused;
            }
            lastRefusal = null;
            wasEngaged = engaged;
            engaged = true;
        }
        if (!wasEngaged) {
            LOG.warnf("Audit records go to the local journal (%s): the database %s", j.directory(),
                    why == null ? "has a backlog to take first" : why instanceof TimeoutException
                            ? "did not commit in time" : "cannot be reached (" + why.getClass().getSimpleName() + ")");
        }
        if (!wasEngaged) {
            synchronized (wake) {
                wake.notifyAll(); // only on engaging: the replayer keeps its own pace during an outage
            }
        }
    }

    /** Where records are going now. */
    public State state() {
        Journal.Refusal refusal = lastRefusal;
        if (refusal == Journal.Refusal.FULL) {
            return State.FULL;
        }
        if (refusal == Journal.Refusal.UNWRITABLE || (journal == null && !databaseReachable)) {
            return State.UNWRITABLE;
        }
        return engaged ? State.JOURNALING : State.DATABASE;
    }

    /** Records in the journal not yet in the database. */
    public long backlog() {
        Journal j = journal;
        return j == null ? 0 : j.backlog();
    }

    /** Bytes the journal holds on disk, and the most it may hold. */
    public long bytes() {
        Journal j = journal;
        return j == null ? 0 : j.bytes();
    }

    public long maxBytes() {
        Journal j = journal;
        return j == null ? 0 : j.maxBytes();
    }

    /** Whether the journal directory could be opened (it is also {@link State#UNWRITABLE} after a failed write). */
    public boolean writable() {
        return journal != null && lastRefusal != Journal.Refusal.UNWRITABLE;
    }

    /** False from a failure to reach the database until the next successful write to it. */
    public boolean databaseReachable() {
        return databaseReachable;
    }

    /** Records replayed from the journal into the database since start. */
    public long replayed() {
        return replayed.get();
    }

    /** Entries the database refused on replay, kept apart in the journal directory (ever). */
    public long setAside() {
        Journal j = journal;
        return j == null ? 0 : j.setAsideCount();
    }

    /** Tells the journal the database took a write, so that waiting paths need not fail fast. */
    void databaseAnswered() {
        databaseReachable = true;
    }

    private void replayLoop() {
        Duration retry = FIRST_RETRY;
        while (replaying) {
            try {
                if (!engaged || journal == null) {
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                Journal j = journal;
                List<Journal.Entry> entries = j.peek(REPLAY_BATCH, REPLAY_BATCH_BYTES);
                if (entries.isEmpty()) {
                    synchronized (appendLock) {
                        if (j.backlog() == 0) {
                            engaged = false;
                            lastRefusal = null;
                            LOG.infof("Audit journal replayed (%d records since start); records go to the database "
                                    + "again", replayed.get());
                        }
                    }
                    continue;
                }
                if (replay(j, entries)) {
                    retry = FIRST_RETRY;
                    if (lastRefusal == Journal.Refusal.FULL) {
                        lastRefusal = null; // space was freed: the next record may fit again
                    }
                } else {
                    pause(retry);
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                }
            } catch (IOException e) {
                LOG.errorf("Audit journal could not be read for replay: %s", e.getMessage());
                pause(LAST_RETRY);
            } catch (RuntimeException | Error e) {
                LOG.errorf("Audit journal replay: unexpected %s", e.getClass().getName());
                pause(LAST_RETRY);
            }
        }
    }

    /** Replays the entries in order; false if the database could not be reached (nothing was released then). */
    private boolean replay(Journal j, List<Journal.Entry> entries) throws IOException {
        List<AuditEntry> decoded = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                decoded.add(codec.decode(entries.get(i).payload()));
            } catch (IllegalArgumentException unreadable) {
                // Write what comes before it, then keep it apart: it can never be written.
                if (i > 0 && !replay(j, entries.subList(0, i))) {
                    return false;
                }
                LOG.errorf("Audit journal entry %d does not read as an audit record; set aside in %s",
                        entries.get(i).sequence(), j.directory());
                j.setAside(entries.get(i));
                j.release(entries.get(i).sequence());
                return true;
            }
        }
        return replayDecoded(j, entries, decoded);
    }

    private boolean replayDecoded(Journal j, List<Journal.Entry> entries, List<AuditEntry> decoded)
            throws IOException {
        try {
            target.write(decoded);
        } catch (Throwable failure) {
            if (classify.apply(failure) == FailureKind.UNAVAILABLE) {
                if (databaseReachable) {
                    LOG.warnf("Audit journal replay: the database cannot be reached yet (%s)",
                            failure.getClass().getSimpleName());
                }
                databaseReachable = false;
                return false;
            }
            if (entries.size() == 1) {
                LOG.errorf("Audit journal entry %d is refused by the database (%s); set aside in %s",
                        entries.get(0).sequence(), failure.getClass().getName(), j.directory());
                j.setAside(entries.get(0));
                j.release(entries.get(0).sequence());
                return true;
            }
            int half = entries.size() / 2;
            return replayDecoded(j, entries.subList(0, half), decoded.subList(0, half))
                    && replayDecoded(j, entries.subList(half, entries.size()), decoded.subList(half, decoded.size()));
        }
        j.release(entries.get(entries.size() - 1).sequence());
        replayed.addAndGet(entries.size());
        databaseReachable = true;
        return true;
    }

    private void pause(Duration d) {
        synchronized (wake) {
            try {
                wake.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                replaying = false;
            }
        }
    }

    /** Stops replaying (a replay in progress finishes first, briefly) and closes the journal. */
    public synchronized void close() {
        replaying = false;
        if (replayer != null) {
            synchronized (wake) {
                wake.notifyAll();
            }
            try {
                replayer.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Journal j = journal;
        if (j != null) {
            synchronized (appendLock) {
                j.close();
            }
        }
    }
}
