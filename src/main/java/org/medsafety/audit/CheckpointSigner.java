package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.errors.Failures;
import org.medsafety.config.MedsafetyConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs the head of each audit chain that moved, every {@code medsafety.audit.checkpoints.records} records or
 * {@code interval}, whichever comes first, after verifying the chain from its previous checkpoint: the service
 * never signs what it has not checked. Each checkpoint goes to the database (every instance sees it) and is then
 * appended to the checkpoint file outside it, forced to disk.
 */
@Startup
@ApplicationScoped
public class CheckpointSigner {

    /** Longest time between two looks at the chain heads, whatever the interval. */
    static final Duration POLL = Duration.ofSeconds(5);

    @Inject
    CheckpointKeys keys;

    @Inject
    IntegrityCheck integrity;

    @Inject
    MedsafetyConfig config;

    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        keys.signing();
        adoptUnsignedAnchors();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoints");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, Math.min(config.audit().checkpoints().interval().toMillis(), POLL.toMillis()));
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            sign(false);
        } catch (Throwable e) { // the timer must survive a database outage
            Log.warnf("Audit checkpoint not signed this time: %s", Failures.describe(e));
        }
    }

    /** Verifies and signs every chain that moved since its last checkpoint, due or not; returns what it signed. */
    public List<SignedCheckpoint> signNow() {
        return sign(true);
    }

    private synchronized List<SignedCheckpoint> sign(boolean force) {
        List<ChainWalk.Problem> fileProblems = new ArrayList<>();
        CheckpointFile.Contents file = integrity.readFile(fileProblems);
        fileProblems.forEach(p -> Log.errorf("Audit checkpoint file: %s", p.message()));
        List<SignedCheckpoint> written = new ArrayList<>();
        var settings = config.audit().checkpoints();
        for (Chain chain : Chain.values()) {
            ChainHead head = QuarkusTransaction.requiringNew().call(() -> ChainHead.findById(chain.headId));
            if (head == null) {
                Log.errorf("Audit chain %s has no head: not signing it; see GET /audit/integrity", chain.label);
                continue;
            }
            ChainCheckpoint newest = QuarkusTransaction.requiringNew().call(() -> ChainCheckpoint
                    .<ChainCheckpoint>find("chain = ?1 and kind in ('signed', 'purge') and signature is not null "
                            + "order by lastId desc, id desc", chain.label).firstResult());
            long since = newest == null ? 0 : newest.lastId;
            if (head.lastId <= since) {
                continue; // nothing new
            }
            // A chain never signed is signed at the first look; after that, every interval or N records.
            boolean due = force || newest == null || head.lastId - since >= settings.records()
                    || !newest.checkedAt.plus(settings.interval()).isAfter(Instant.now());
            if (!due) {
                continue;
            }
            ChainWalk.ChainReport verified = integrity.run(chain, false, file);
            if (!verified.intact()) {
                Log.errorf("Audit chain %s does not verify (%d problem(s), first at record %s): not signing it; see "
                        + "GET /audit/integrity", chain.label, verified.problems().size(), verified.firstBroken());
                continue;
            }
            if (verified.toId() <= since || verified.toHash() == null) {
                continue;
            }
            written.add(store(SignedCheckpoint.SIGNED, chain, verified.toId(), verified.toHash()));
        }
        append(written);
        return written;
    }

    /**
     * Purge anchors written before checkpoints were signed carry no signature; the first start after the upgrade
     * vouches for them with a signed checkpoint at the same point, so that an unsigned anchor appearing later is
     * recognised as forged.
     */
    void adoptUnsignedAnchors() {
        List<ChainCheckpoint> unsigned = QuarkusTransaction.requiringNew().call(() -> ChainCheckpoint
                .<ChainCheckpoint>list("kind = 'purge' and signature is null"));
        List<SignedCheckpoint> written = new ArrayList<>();
        for (ChainCheckpoint anchor : unsigned) {
            boolean vouched = QuarkusTransaction.requiringNew().call(() -> ChainCheckpoint.count("chain = ?1 and "
                    + "lastId = ?2 and lastHash = ?3 and signature is not null", anchor.chain, anchor.lastId,
                    anchor.lastHash) > 0);
            if (!vouched) {
                Chain chain = Chain.byLabel(anchor.chain).orElse(Chain.EVALUATION);
                written.add(store(SignedCheckpoint.SIGNED, chain, anchor.lastId, anchor.lastHash));
                Log.infof("Audit purge anchor %d (records up to %d) predates signed checkpoints: vouched for by "
                        + "signed checkpoint %d", anchor.id, anchor.lastId, written.get(written.size() - 1).id());
            }
        }
        append(written);
    }

    private SignedCheckpoint store(String kind, Chain chain, long lastId, String lastHash) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ChainCheckpoint row = new ChainCheckpoint();
        row.kind = kind;
        row.chain = chain.label;
        row.lastId = lastId;
        row.lastHash = lastHash;
        row.checkedAt = time;
        row.keyId = keys.signing().keyId();
        row.signature = keys.signing().sign(SignedCheckpoint.text(kind, chain.label, lastId, lastHash, time));
        QuarkusTransaction.requiringNew().run(row::persist);
        return SignedCheckpoint.of(row);
    }

    /** After the database commit: a checkpoint in the database but not yet in the file is normal (another instance). */
    void append(List<SignedCheckpoint> written) {
        try {
            keys.file().append(written);
        } catch (RuntimeException e) {
            Log.errorf("Audit checkpoints %s are in the database but could not be added to %s: %s",
                    written.stream().map(SignedCheckpoint::id).toList(), keys.file().path(), Failures.describe(e));
        }
    }

    /** A checkpoint signed now for a purge anchor, before the purge writes it (it has no id yet). */
    SignedCheckpoint signAnchor(Chain chain, long lastId, String lastHash, Instant time) {
        String text = SignedCheckpoint.text(SignedCheckpoint.PURGE, chain.label, lastId, lastHash, time);
        return new SignedCheckpoint(null, SignedCheckpoint.PURGE, chain.label, lastId, lastHash, time,
                keys.signing().sign(text), keys.signing().keyId());
    }
}
