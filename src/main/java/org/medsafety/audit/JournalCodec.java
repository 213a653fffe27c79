package org.medsafety.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Audit entries as journal payloads: JSON with its own mapper, so that the bytes do not depend on how the
 * application's mapper is configured. Times are ISO-8601 strings, which keep every digit, so the hash the writer
 * computes from a replayed record is the one it would have computed at once.
 */
public final class JournalCodec {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public byte[] encode(AuditEntry entry) {
        try {
            return json.writerFor(AuditEntry.class).writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException if the payload is not an audit entry this version reads */
    public AuditEntry decode(byte[] payload) {
        try {
            return json.readValue(payload, AuditEntry.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("journal entry does not read as an audit entry: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
