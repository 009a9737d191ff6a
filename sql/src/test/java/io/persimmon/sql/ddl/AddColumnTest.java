package io.persimmon.sql.ddl;

import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.SqlResult;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ALTER TABLE ADD COLUMN with DEFAULT, NOT NULL, UNIQUE and REFERENCES ({@link PersimmonAddColumn}). */
class AddColumnTest extends SqlTestSupport {
    @Test
    void shouldGiveExistingRowsAndNewRowsTheDefault() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        exec("ALTER TABLE t ADD COLUMN n INT NOT NULL DEFAULT 7");
        exec("ALTER TABLE t ADD COLUMN s VARCHAR(5) DEFAULT 'x'");
        exec("ALTER TABLE t ADD COLUMN d DECIMAL(5, 2) DEFAULT 2 + 1.5");
        exec("INSERT INTO t (id, name) VALUES (3, 'c')");
        exec("INSERT INTO t VALUES (4, 'd', 9, NULL, 0)");
        exec("UPDATE t SET name = 'bb' WHERE id = 2");
        assertEquals(List.of("1, a, 7, x, 3.50", "2, bb, 7, x, 3.50", "3, c, 7, x, 3.50", "4, d, 9, null, 0.00"),
                text("SELECT * FROM t ORDER BY id"));
        assertEquals(List.of("1", "2", "3"), text("SELECT id FROM t WHERE n = 7 AND s = 'x' ORDER BY id"));
        assertState("23502", () -> exec("INSERT INTO t (id, n) VALUES (5, NULL)"));
    }

    @Test
    void shouldKeepDefaultsOfEveryKindAcrossReopen() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1)");
        exec("ALTER TABLE t ADD COLUMN c CHAR(3) DEFAULT 'a'");
        exec("ALTER TABLE t ADD COLUMN b VARBINARY(2) DEFAULT X'0102'");
        exec("ALTER TABLE t ADD COLUMN dt DATE DEFAULT DATE '2024-02-29'");
        exec("ALTER TABLE t ADD COLUMN ts TIMESTAMP DEFAULT TIMESTAMP '2024-02-29 13:14:15.123'");
        exec("ALTER TABLE t ADD COLUMN ok BOOLEAN DEFAULT TRUE NOT NULL");
        reopen();
        exec("INSERT INTO t (id) VALUES (2)");
        List<List<Object>> rows = query("SELECT id, c, b, dt, ts, ok FROM t ORDER BY id");
        for (List<Object> row : rows) {
            assertEquals(List.of("a  ", LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000),
                    true), List.of(row.get(1), row.get(3), row.get(4), row.get(5)), "row " + row.get(0));
            assertArrayEquals(new byte[] {1, 2}, (byte[]) row.get(2));
        }
        assertEquals(2, rows.size());
    }

    @Test
    void shouldRefuseNotNullWithoutDefaultOnTableWithRows() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("CREATE TABLE e (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1)");
        assertState("23502", () -> exec("ALTER TABLE t ADD COLUMN n INT NOT NULL"));
        assertEquals(1, query("SELECT * FROM t").getFirst().size());
        exec("ALTER TABLE e ADD COLUMN n INT NOT NULL");
        assertState("23502", () -> exec("INSERT INTO e (id) VALUES (1)"));
        exec("INSERT INTO e VALUES (1, 2)");
        assertEquals(List.of("1, 2"), text("SELECT * FROM e"));
    }

    @Test
    void shouldRefuseDefaultsTheColumnCannotHold() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1)");
        assertState("22001", () -> exec("ALTER TABLE t ADD COLUMN s VARCHAR(2) DEFAULT 'abc'"));
        assertState("22003", () -> exec("ALTER TABLE t ADD COLUMN d DECIMAL(3, 1) DEFAULT 1000"));
        assertState("0A000", () -> exec("ALTER TABLE t ADD COLUMN k INT PRIMARY KEY"));
        assertEquals(List.of("1"), text("SELECT * FROM t"));
    }

    @Test
    void shouldReplanStatementsPreparedBeforeTheChange() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1)");
        try (PreparedSql insert = session.prepare("INSERT INTO t (id) VALUES (?)");
             PreparedSql select = session.prepare("SELECT * FROM t ORDER BY id")) {
            exec("ALTER TABLE t ADD COLUMN tag CHAR(2) DEFAULT 'z'");
            insert.execute(List.of(2), 0, 0).close();
            try (SqlResult r = select.execute(List.of(), 0, 0)) {
                assertEquals(List.of(List.of(1, "z "), List.of(2, "z ")), rows(r));
            }
        }
    }

    @Test
    void shouldAddUniqueColumn() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1), (2)");
        assertState("23505", () -> exec("ALTER TABLE t ADD COLUMN u INT DEFAULT 5 UNIQUE"));
        assertEquals(1, query("SELECT * FROM t").getFirst().size());
        exec("ALTER TABLE t ADD COLUMN u INT UNIQUE");
        exec("UPDATE t SET u = 10 WHERE id = 1");
        assertState("23505", () -> exec("UPDATE t SET u = 10 WHERE id = 2"));
        assertState("23505", () -> exec("INSERT INTO t VALUES (3, 10)"));
        assertEquals(List.of("1, 10", "2, null"), text("SELECT * FROM t ORDER BY id"));
    }

    @Test
    void shouldAddForeignKeyColumn() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY)");
        exec("CREATE TABLE c (id INT PRIMARY KEY)");
        exec("INSERT INTO p VALUES (1), (2)");
        exec("INSERT INTO c VALUES (10)");
        assertState("23503", () -> exec("ALTER TABLE c ADD COLUMN pid INT DEFAULT 9 REFERENCES p"));
        exec("ALTER TABLE c ADD COLUMN pid INT DEFAULT 1 REFERENCES p (id)");
        assertState("23503", () -> exec("INSERT INTO c VALUES (11, 3)"));
        exec("INSERT INTO c VALUES (11, 2)");
        assertState("23503", () -> exec("DELETE FROM p WHERE id = 1"));
        assertEquals(List.of("10, 1", "11, 2"), text("SELECT * FROM c ORDER BY id"));
    }
}
