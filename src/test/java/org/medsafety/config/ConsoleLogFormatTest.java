package org.medsafety.config;

import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console log is plain text unless an operator asks for JSON lines (QUARKUS_LOG_CONSOLE_JSON_ENABLED=true): the
 * JSON extension is on the class path and would switch the console to JSON by itself. Read from the handlers the
 * running service logs through, not from the configuration file.
 */
@QuarkusTest
class ConsoleLogFormatTest {

    private static void consoleHandlers(Handler[] handlers, List<ConsoleHandler> found) {
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler console) {
                found.add(console);
            }
            if (h instanceof ExtHandler ext) {
                consoleHandlers(ext.getHandlers(), found);
            }
        }
    }

    @Test
    void theConsoleLogIsPlainTextByDefault() {
        List<ConsoleHandler> consoles = new ArrayList<>();
        consoleHandlers(org.jboss.logmanager.LogContext.getLogContext().getLogger("").getHandlers(), consoles);
        assertThat(consoles).as("the service logs to the console").isNotEmpty();
        for (ConsoleHandler console : consoles) {
            Formatter formatter = console.getFormatter();
            assertThat(formatter.getClass().getName()).doesNotContainIgnoringCase("json");
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "Ruleset published", ConsoleLogFormatTest.class.getName());
            record.setLoggerName("org.medsafety.admin.RulesetPublisher");
            String line = formatter.format(record);
            assertThat(line).doesNotStartWith("{")
                    .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} INFO  \\[[a-z.]+RulesetPublisher] "
                            + "Ruleset published\\R");
        }
    }
}
