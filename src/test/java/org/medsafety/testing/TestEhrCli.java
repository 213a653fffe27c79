package org.medsafety.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An EHR for the multi-process checks in .ci/: makes its keys and clients file, and signs tokens.
 *
 * <pre>java -cp target/test-classes:target/quarkus-app/lib/main/* org.medsafety.testing.TestEhrCli keys DIR ISS
 * java -cp … org.medsafety.testing.TestEhrCli token DIR AUDIENCE</pre>
 */
public final class TestEhrCli {

    private TestEhrCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("keys")) {
            Path dir = Path.of(args[1]);
            TestEhr ehr = TestEhr.es384(args[2]);
            ehr.save(dir.resolve("ehr.json"));
            Files.copy(TestEhr.clientsFile(ehr), dir.resolve("clients.json"));
            System.out.println(dir.resolve("clients.json"));
        } else if (args.length == 3 && args[0].equals("token")) {
            System.out.println(TestEhr.load(Path.of(args[1]).resolve("ehr.json")).token(args[2]));
        } else {
            System.err.println("usage: TestEhrCli keys DIR ISS | token DIR AUDIENCE");
            System.exit(2);
        }
    }
}
