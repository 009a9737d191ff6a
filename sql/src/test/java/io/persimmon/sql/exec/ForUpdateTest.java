package io.persimmon.sql.exec;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.Session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
