package org.medsafety.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of fields, each length-prefixed with a null marker, so that no two different records hash
 * the same bytes. Every chain hashes through this one encoding.
 */
public final class ChainDigest {

    private final MessageDigest sha;

    public ChainDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ChainDigest field(String value) {
        if (value == null) {
            sha.update((byte) 0);
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        sha.update(bytes);
        return this;
    }

    public ChainDigest field(Instant value) {
        return field(value == null ? null : value.toString());
    }

    public ChainDigest field(Long value) {
        return field(value == null ? null : value.toString());
    }

    public ChainDigest field(Integer value) {
        return field(value == null ? null : value.toString());
    }

    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
