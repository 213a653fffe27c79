package org.medsafety.bench;

import org.medsafety.testing.TestEhr;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Client JWTs for the HTTP load: {@code COUNT} tokens of the test EHR saved in {@code DIR} (TestEhrCli keys), one per
 * line, each with its own jti, because the service accepts a jti only once. They expire five minutes after they are
 * made (the CDS Hooks maximum), so bench/run.sh makes them right before each load.
 *
 * <pre>java -cp … org.medsafety.bench.BenchTokens DIR AUDIENCE COUNT OUT</pre>
 */
public final class BenchTokens {

    private BenchTokens() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BenchTokens DIR AUDIENCE COUNT OUT");
        }
        TestEhr ehr = TestEhr.load(Path.of(args[0]).resolve("ehr.json"));
        String[] tokens = IntStream.range(0, Integer.parseInt(args[2])).parallel()
                .mapToObj(i -> ehr.token(args[1])).toArray(String[]::new);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[3]))) {
            for (String t : tokens) {
                w.write(t);
                w.write('\n');
            }
        }
    }
}
