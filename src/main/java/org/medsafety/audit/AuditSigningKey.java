package org.medsafety.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key that signs audit checkpoints. It lives in a file outside the database (a PKCS#8 PEM, as
 * {@code openssl genpkey -algorithm ed25519} writes it), so whoever can rewrite the database cannot sign a rewritten
 * chain. The key id is the first 16 hex digits of the SHA-256 of the public key's DER encoding.
 */
public final class AuditSigningKey {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /** Reads a PKCS#8 PEM Ed25519 private key; the message says what is wrong and how to make one. */
    public static AuditSigningKey read(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("MEDSAFETY_AUDIT_SIGNING_KEY: cannot read " + pem + " (" + e.getMessage()
                    + ")");
        }
        try {
            byte[] der = pemBody(text, "PRIVATE KEY");
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new AuditSigningKey(key, derivePublic(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("MEDSAFETY_AUDIT_SIGNING_KEY: " + pem + " is not an Ed25519 private key "
                    + "in PKCS#8 PEM (make one with: openssl genpkey -algorithm ed25519 -out audit-signing-key.pem)");
        }
    }

    /**
     * Makes a new key at {@code pem} (owner read/write only) unless one is already there, and returns the key the
     * file holds: two instances starting together on one directory end up with the same key.
     */
    public static AuditSigningKey createIfAbsent(Path pem) {
        if (Files.exists(pem)) {
            return read(pem);
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Path dir = pem.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".audit-signing-key", ".tmp");
            try {
                restrict(tmp);
                Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                try {
                    Files.move(tmp, pem, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // another instance wrote it first: use theirs
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return read(pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the audit signing key " + pem + ": " + e.getMessage());
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the platform's own access control applies
        }
    }

    /**
     * The JDK offers no call that computes an Ed25519 public key from a private one; its key pair generator does
     * exactly that from 32 random bytes, so it is fed the private key's bytes. The result is checked by a signature.
     */
    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new GeneralSecurityException("no key bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        PublicKey candidate = generator.generateKeyPair().getPublic();
        byte[] probe = "medsafety audit key check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(candidate, probe, sign(key, probe))) {
            throw new GeneralSecurityException("could not derive the public key");
        }
        return candidate;
    }

    /** Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}), e.g. an earlier signing key's. */
    public static PublicKey readPublic(Path pem) {
        try {
            byte[] der = pemBody(Files.readString(pem, StandardCharsets.US_ASCII), "PUBLIC KEY");
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("MEDSAFETY_AUDIT_CHECKPOINTS_TRUSTED_KEYS: " + pem + " is not a readable "
                    + "Ed25519 public key in PEM (openssl pkey -in key.pem -pubout)");
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Base64 Ed25519 signature of {@code text}'s UTF-8 bytes. */
    public String sign(String text) {
        try {
            return Base64.getEncoder().encodeToString(sign(privateKey, text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    /** True if {@code signatureBase64} is {@code key}'s signature of {@code text}; false for anything malformed. */
    public static boolean verify(PublicKey key, String text, String signatureBase64) {
        try {
            return verify(key, text.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }

    public static String keyId(PublicKey key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(sha).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
