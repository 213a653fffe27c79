package org.medsafety.console;

import jakarta.enterprise.context.ApplicationScoped;
import org.medsafety.engine.RulesetFiles;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A candidate ruleset between its check (validation, scenarios, what-if report) and its publication, so that what is
 * published is byte for byte what the pharmacist read the report of, without uploading it again. Held in memory on
 * this instance, for its uploader only, for 30 minutes; at most 20 at a time (the oldest goes first).
 */
@ApplicationScoped
public class CandidateStash {

    static final Duration KEEP = Duration.ofMinutes(30);
    static final int MAX = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What was checked: the files, where they came from, and the version that was active when they were checked. */
    record Candidate(String owner, RulesetFiles files, String source, String checkedAgainst, Instant at) {
    }

    private final Map<String, Candidate> candidates = new LinkedHashMap<>();

    synchronized String put(Candidate candidate) {
        expire(candidate.at());
        while (candidates.size() >= MAX) {
            candidates.remove(candidates.keySet().iterator().next());
        }
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        candidates.put(key, candidate);
        return key;
    }

    /** The candidate, if it is still held and {@code owner} uploaded it. */
    synchronized Optional<Candidate> get(String key, String owner, Instant now) {
        expire(now);
        Candidate c = key == null ? null : candidates.get(key);
        return c != null && c.owner().equals(owner) ? Optional.of(c) : Optional.empty();
    }

    synchronized void remove(String key) {
        candidates.remove(key);
    }

    private void expire(Instant now) {
        candidates.values().removeIf(c -> c.at().plus(KEEP).isBefore(now));
    }
}
