package dev.stepwise.prover.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

    @Test
    void durationsParseInEveryUnitAndFormatBack() {
        assertEquals(Duration.ofMillis(250), ValueType.DURATION.parse("250ms"));
        assertEquals(Duration.ofMillis(1500), ValueType.DURATION.parse("1.5s"));
        assertEquals(Duration.ofMinutes(5), ValueType.DURATION.parse("5m"));
        assertEquals(Duration.ofHours(2), ValueType.DURATION.parse("2h"));
        assertEquals(Duration.ofSeconds(30), ValueType.DURATION.parse("PT30S"));
        assertEquals("5m", ValueType.DURATION.format(Duration.ofMinutes(5)));
        assertEquals("1500ms", ValueType.DURATION.format(Duration.ofMillis(1500)));
        assertEquals("0s", ValueType.DURATION.format(Duration.ZERO));
    }

    @Test
    void sizesAndListsParse() {
        assertEquals(12L << 30, ValueType.BYTES.parse("12g"));
        assertEquals(512L << 20, ValueType.BYTES.parse("512MiB"));
        assertEquals(4096L, ValueType.BYTES.parse("4096"));
        assertEquals(List.of(0.0, 0.5, 1.0), ValueType.DOUBLE_LIST.parse("0, 0.5,1"));
        assertEquals(List.of("sorry", "admit"), ValueType.STRING_LIST.parse("sorry,admit"));
        assertEquals(true, ValueType.BOOLEAN.parse("yes"));
    }

    @Test
    void badValuesSayWhatWasExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ValueType.INT.parse("four"));
        assertEquals("expected an integer, got 'four'", e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> ValueType.BYTES.parse("lots"));
        assertEquals("expected a size such as 512m or 12g, got 'lots'", b.getMessage());
    }

    @Test
    void restrictedKeysRejectValuesOutsideTheirRange() {
        ConfigKey size = ConfigKey.positiveInt("pool.size", 4, "processes");
        var e = assertThrows(ConfigException.class, () -> size.check(0, "flag"));
        assertEquals("flag: pool.size must be a positive integer, got 0", e.getMessage());
        assertEquals("STEPWISE_POOL_SIZE", size.envVar());
    }
}
