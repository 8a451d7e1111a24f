package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeTableTest {
    private enum Light { RED, AMBER, GREEN }

    @Test
    void everyConstantHasItsOwnCodeBothWays() {
        CodeTable<Light> table = CodeTable.of(Light.class, Map.of(Light.RED, "red", Light.AMBER, "amber", Light.GREEN, "go"));
        for (Light l : Light.values()) {
            assertEquals(l, table.decode(table.code(l)));
        }
        assertEquals("go", table.code(Light.GREEN));
    }

    @Test
    void aTableMissingAConstantOrSharingACodeIsRefused() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CodeTable.of(Light.class, Map.of(Light.RED, "red", Light.AMBER, "amber")));
        assertTrue(missing.getMessage().contains("Light.GREEN"), missing.getMessage());
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> CodeTable.of(Light.class, Map.of(Light.RED, "stop", Light.AMBER, "stop", Light.GREEN, "go")));
        assertTrue(shared.getMessage().contains("'stop'"), shared.getMessage());
    }

    @Test
    void anUnknownCodeInTheDatabaseIsAStoreError() {
        CodeTable<Light> table = CodeTable.of(Light.class, Map.of(Light.RED, "red", Light.AMBER, "amber", Light.GREEN, "go"));
        StoreException e = assertThrows(StoreException.class, () -> table.decode("blue"));
        assertEquals("unknown Light 'blue' in the database", e.getMessage());
    }
}
