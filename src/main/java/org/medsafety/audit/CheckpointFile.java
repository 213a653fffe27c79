package org.medsafety.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed checkpoints, one JSON object per line, in a file outside the database. Lines are only ever appended,
 * each batch in one write and forced to disk before the call returns; several instances may append to one file
 * (each write is a single append). Reading skips a last line cut short by a crash, and reports any other line it
 * cannot read.
 */
public final class CheckpointFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the file holds: the checkpoints, and the line numbers it could not read. */
    public record Contents(List<SignedCheckpoint> checkpoints, List<Integer> unreadableLines) {
    }

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public synchronized void append(List<SignedCheckpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (SignedCheckpoint c : checkpoints) {
            lines.append(line(c)).append('\n');
        }
        try {
            Path dir = path.toAbsolutePath().getParent();
            boolean created = !Files.exists(path);
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (created) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit checkpoint file " + path, e);
        }
    }

    /** Makes a new file's directory entry durable too (Linux; elsewhere a best effort). */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some platforms cannot open a directory; the file's own data is forced
        }
    }

    public Contents read() {
        List<String> lines;
        boolean endsWithNewline;
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = new String(bytes, StandardCharsets.UTF_8);
            endsWithNewline = text.isEmpty() || text.endsWith("\n");
            lines = text.lines().toList();
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + path, e);
        }
        List<SignedCheckpoint> result = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                result.add(parse(lines.get(i)));
            } catch (RuntimeException | IOException e) {
                boolean tornTail = i == lines.size() - 1 && !endsWithNewline;
                if (!tornTail) {
                    unreadable.add(i + 1);
                }
            }
        }
        return new Contents(result, unreadable);
    }

    static String line(SignedCheckpoint c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id());
        n.put("kind", c.kind());
        n.put("chain", c.chain());
        n.put("lastId", c.lastId());
        n.put("hash", c.lastHash());
        n.put("time", c.time().toString());
        n.put("signature", c.signature());
        n.put("keyId", c.keyId());
        return n.toString();
    }

    static SignedCheckpoint parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        return new SignedCheckpoint(n.get("id").isNull() ? null : n.get("id").asLong(), n.get("kind").asText(),
                n.get("chain").asText(), n.get("lastId").asLong(), n.get("hash").asText(),
                Instant.parse(n.get("time").asText()), n.get("signature").asText(), n.get("keyId").asText());
    }
}
