package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.prover.exit.ExitCode;
import org.junit.jupiter.api.Test;

/** PostgreSQL URLs as users write them, and the passwords that must never ride in them. */
class StoreLocationTest {

    @Test
    void libpqAndJdbcSpellingsBecomeTheDriversUrl() {
        StoreLocation.Postgres a = StoreLocation.postgres("postgresql://worker@db.lab:5433/stepwise?sslmode=require");
        assertEquals("jdbc:postgresql://db.lab:5433/stepwise?user=worker&sslmode=require", a.jdbcUrl());
        assertEquals("postgresql://worker@db.lab:5433/stepwise?sslmode=require", a.toString());
        assertEquals("jdbc:postgresql://db.lab/stepwise", StoreLocation.postgres("postgres://db.lab/stepwise").jdbcUrl());
        assertEquals("jdbc:postgresql://h1:5432,h2:5432/s?targetServerType=primary",
                StoreLocation.postgres("jdbc:postgresql://h1:5432,h2:5432/s?targetServerType=primary").jdbcUrl());
    }

    @Test
    void onlyPostgresUrlsAreTakenForUrls() {
        assertTrue(StoreLocation.isPostgresUrl("postgresql://h/d"));
        assertTrue(StoreLocation.isPostgresUrl("jdbc:postgresql://h/d"));
        assertFalse(StoreLocation.isPostgresUrl(".stepwise/stepwise.db"));
        assertFalse(StoreLocation.isPostgresUrl("postgresql.db"));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutBeingRepeated() {
        DatabaseException inUser = assertThrows(DatabaseException.class,
                () -> StoreLocation.postgres("postgresql://worker:hunter2@db.lab/stepwise"));
        assertEquals(ExitCode.USAGE, inUser.exitCode());
        assertEquals("store URL postgresql://worker:***@db.lab/stepwise carries a password; remove it and give it in "
                + "PGPASSWORD or a .pgpass file (PGPASSFILE), so it never shows in process lists or logs", inUser.getMessage());
        DatabaseException inQuery = assertThrows(DatabaseException.class,
                () -> StoreLocation.postgres("postgresql://db.lab/stepwise?user=w&password=hunter2"));
        assertFalse(inQuery.getMessage().contains("hunter2"), inQuery.getMessage());
        assertEquals("store URL postgresql://db.lab/stepwise?user=w&password=*** carries a password parameter; give the "
                + "password in PGPASSWORD or a .pgpass file (PGPASSFILE) instead", inQuery.getMessage());
    }

    @Test
    void aUrlWithoutHostOrDatabaseIsRefused() {
        assertEquals("store URL postgresql://db.lab names no database (postgresql://host/database)",
                assertThrows(DatabaseException.class, () -> StoreLocation.postgres("postgresql://db.lab")).getMessage());
        assertEquals("store URL postgresql:///stepwise names no host (postgresql://host/database)",
                assertThrows(DatabaseException.class, () -> StoreLocation.postgres("postgresql:///stepwise")).getMessage());
    }
}
