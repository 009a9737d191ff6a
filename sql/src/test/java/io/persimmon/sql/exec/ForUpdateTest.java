package io.persimmon.sql.exec;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.Session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForUpdateTest extends SqlTestSupport {
    @Test
    void shouldLockRowsItReads() throws Exception {
        exec("CREATE TABLE d (id INT PRIMARY KEY, next_o INT)");
        exec("INSERT INTO d VALUES (1, 100), (2, 200)");
        session.setAutoCommit(false);
        assertEquals(List.of("100"), text("SELECT next_o FROM d WHERE id = ? FOR UPDATE", 1));
        try (Session other = sql.openSession()) {
            assertState("55P03", () -> exec(other, "UPDATE d SET next_o = 0 WHERE id = 1"));
            assertEquals(1, exec(other, "UPDATE d SET next_o = 201 WHERE id = 2"));
        }
        exec("UPDATE d SET next_o = next_o + 1 WHERE id = 1");
        session.commit();
        assertEquals(List.of("101", "201"), text("SELECT next_o FROM d ORDER BY id"));
    }

    @Test
    void shouldFailToLockARowChangedSinceTheSnapshot() throws Exception {
        exec("CREATE TABLE d (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO d VALUES (1, 1)");
        session.setIsolation(Isolation.REPEATABLE_READ);
        session.setAutoCommit(false);
        assertEquals(List.of("1"), text("SELECT v FROM d"));
        try (Session other = sql.openSession()) {
            exec(other, "UPDATE d SET v = 2");
        }
        assertEquals(List.of("1"), text("SELECT v FROM d"));
        assertState("40001", () -> query("SELECT v FROM d FOR UPDATE"));
    }

    /**
     * A LIMIT not served by key order stops reading at the last row it returns: the row that
     * Calcite's EnumerableLimit read (and so locked) after it is left alone.
     */
    @Test
    void shouldNotLockTheRowAfterALimit() throws Exception {
        exec("CREATE TABLE q (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO q VALUES (1, 0), (2, 3), (3, 0), (4, 3), (5, 0), (6, 3), (7, 3)");
        session.setAutoCommit(false);
        String limit = "SELECT id FROM q WHERE v = ? LIMIT 1 FOR UPDATE";
        assertTrue(plan(limit.replace(" FOR UPDATE", "")).contains("PersimmonLimit(fetch=[1])"),
                plan(limit.replace(" FOR UPDATE", "")));
        assertEquals(List.of("2"), text(limit, 3));
        try (Session other = sql.openSession()) {
            assertEquals(1, exec(other, "UPDATE q SET v = 9 WHERE id = 4"), "the next matching row was not read");
            assertEquals(1, exec(other, "UPDATE q SET v = 0 WHERE id = 3"), "nor the row before it");
            assertState("55P03", () -> exec(other, "UPDATE q SET v = 9 WHERE id = 2"));
        }
        session.rollback();
        assertEquals(List.of("6"), text("SELECT id FROM q WHERE v = 3 OFFSET 1 ROWS FETCH NEXT 1 ROWS ONLY FOR UPDATE"));
        try (Session other = sql.openSession()) {
            assertEquals(1, exec(other, "UPDATE q SET v = 9 WHERE id = 7"), "the row after the OFFSET and FETCH");
            assertState("55P03", () -> exec(other, "UPDATE q SET v = 9 WHERE id = 6"));
        }
        session.rollback();
        assertEquals(List.of("2", "6"), text("SELECT id FROM q WHERE v = ? FETCH FIRST 2 ROWS ONLY", 3));
        assertEquals(List.of(), text("SELECT id FROM q WHERE v = 3 LIMIT 0"));
    }
}
