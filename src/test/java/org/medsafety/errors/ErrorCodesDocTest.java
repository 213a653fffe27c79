package org.medsafety.errors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/errors.md is what integrators match on: every code in it, with its status, and nothing the code lacks. */
class ErrorCodesDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(MS-\\d{4})` \\| (\\d{3}) \\| (.+?) \\| (.+?) \\|$",
            Pattern.MULTILINE);

    private static Map<String, Integer> documented() throws IOException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("docs/errors.md")));
        while (m.find()) {
            assertThat(rows.put(m.group(1), Integer.parseInt(m.group(2)))).as("%s listed twice", m.group(1)).isNull();
            assertThat(m.group(3).isBlank() || m.group(4).isBlank()).as("%s needs a meaning and an action",
                    m.group(1)).isFalse();
        }
        return rows;
    }

    @Test
    void everyCodeIsDocumentedWithItsStatusAndNothingElseIs() throws IOException {
        Map<String, Integer> inCode = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::code, ErrorCode::status, (a, b) -> a, LinkedHashMap::new));
        assertThat(documented()).containsExactlyInAnyOrderEntriesOf(inCode);
    }

    @Test
    void codesAreUniqueAndWellFormed() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("MS-\\d{4}"));
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::issueCode))
                .allMatch(c -> c.matches("[a-z-]+"));
    }

    @Test
    void anExceptionRefusesACodeOfAnotherStatus() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new InvalidRequestException(ErrorCode.UNKNOWN_CARD, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("404");
    }
}
