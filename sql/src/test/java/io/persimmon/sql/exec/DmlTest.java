package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DmlTest extends SqlTestSupport {
    @BeforeEach
    void createTable() throws Exception {
        exec("CREATE TABLE acct (id INT PRIMARY KEY, owner VARCHAR(10), balance DECIMAL(8, 2), u INT UNIQUE)");
        exec("INSERT INTO acct VALUES (1, 'ann', 10.00, 1), (2, 'bob', 20.00, 2), (3, 'cy', 30.00, 3)");
    }

    @Test
    void shouldInsertWithColumnListAndSelect() throws Exception {
        assertEquals(1, exec("INSERT INTO acct (balance, id) VALUES (5, 4)"));
        assertEquals(4, exec("INSERT INTO acct (id, owner, balance) SELECT id + 10, owner, balance FROM acct"));
        assertEquals(List.of("1", "2", "3", "4", "11", "12", "13", "14"), text("SELECT id FROM acct ORDER BY id"));
        assertEquals(List.of("14, null, 5.00, null"), text("SELECT * FROM acct WHERE id = 14"));
    }

    @Test
    void shouldUpdateWithExpressionsAndCount() throws Exception {
        assertEquals(2, exec("UPDATE acct SET balance = balance * 1.005, owner = UPPER(owner) WHERE id >= 2"));
        assertEquals(List.of("1, ann, 10.00", "2, BOB, 20.10", "3, CY, 30.15"),
                text("SELECT id, owner, balance FROM acct ORDER BY id"));
        assertEquals(0, exec("UPDATE acct SET owner = 'x' WHERE id = 99"));
    }

    @Test
    void shouldUpdateKeyColumnsWithoutCollidingWithItself() throws Exception {
        assertEquals(3, exec("UPDATE acct SET id = id + 1"));
        assertEquals(List.of("2, ann", "3, bob", "4, cy"), text("SELECT id, owner FROM acct ORDER BY id"));
        assertEquals(3, exec("UPDATE acct SET u = u + 1"));
        assertEquals(List.of("2", "3", "4"), text("SELECT u FROM acct ORDER BY u"));
        assertState("23505", () -> exec("UPDATE acct SET id = 7"));
        assertEquals(List.of("2", "3", "4"), text("SELECT id FROM acct ORDER BY id"));
    }

    @Test
    void shouldKeepStringLiteralsBeyondLatin1() throws Exception {
        exec("CREATE TABLE words (id INT PRIMARY KEY, v VARCHAR(20), c CHAR(3))");
        // 'é日' as a literal the plan cache turns into a parameter, and in expressions it cannot
        assertEquals(1, exec("INSERT INTO words VALUES (1, 'é日', 'ü')"));
        assertEquals(1, exec("INSERT INTO words VALUES (2 + 0, 'é日' || '本', UPPER('ß'))"));
        assertEquals(1, exec("INSERT INTO words (id, v) VALUES (3, U&'a\\00e9\\65E5')"));
        assertEquals(1, exec("INSERT INTO words (id, v) VALUES (4 + 0, U&'a\\000Ab')")); // a U& literal planned as written
        assertEquals(List.of("1, é日, ü  ", "2, é日本, SS ", "3, aé日, null", "4, a\nb, null"),
                text("SELECT * FROM words ORDER BY id"));
        assertEquals(List.of("2"), text("SELECT id FROM words WHERE v = 'é日' || '本'"));
        assertEquals(List.of("1, 2"), text("SELECT MIN(id), COUNT(*) FROM words WHERE v LIKE 'é%'"));
    }

    @Test
    void shouldDeleteWithWhere() throws Exception {
        assertEquals(2, exec("DELETE FROM acct WHERE balance > 15"));
        assertEquals(List.of("1"), text("SELECT id FROM acct"));
        assertEquals(1, exec("DELETE FROM acct"));
        assertEquals(List.of("0"), text("SELECT COUNT(*) FROM acct"));
    }

    @Test
    void shouldLeaveNothingOfAFailedStatement() throws Exception {
        assertState("23505", () -> exec("INSERT INTO acct (id) VALUES (10), (11), (1)"));
        assertEquals(List.of("3"), text("SELECT COUNT(*) FROM acct"));
        session.setAutoCommit(false);
        exec("INSERT INTO acct (id) VALUES (20)");
        assertState("23505", () -> exec("INSERT INTO acct (id) VALUES (21), (2)"));
        session.commit();
        assertEquals(List.of("1", "2", "3", "20"), text("SELECT id FROM acct ORDER BY id"));
    }

    @Test
    void shouldChangeTablesWithoutPrimaryKey() throws Exception {
        exec("CREATE TABLE bag (v INT, w VARCHAR(5))");
        exec("INSERT INTO bag VALUES (1, 'a'), (1, 'a'), (2, 'b'), (3, 'c')");
        assertEquals(2, exec("UPDATE bag SET w = 'z' WHERE v = 1"));
        assertEquals(1, exec("DELETE FROM bag WHERE v = 3"));
        assertEquals(List.of("1, z", "1, z", "2, b"), text("SELECT v, w FROM bag ORDER BY v"));
        assertEquals(3, exec("DELETE FROM bag"));
        assertEquals(List.of(), text("SELECT * FROM bag"));
    }

    @Test
    void shouldRoundDecimalsHalfUpAndRefuseOverflow() throws Exception {
        exec("INSERT INTO acct (id, balance) VALUES (5, 1.005), (6, -1.005), (7, ?)", new BigDecimal("2.345"));
        assertEquals(List.of("1.01", "-1.01", "2.35"), text("SELECT balance FROM acct WHERE id >= 5 ORDER BY id"));
        assertState("22003", () -> exec("INSERT INTO acct (id, balance) VALUES (8, 1000000)"));
        assertState("22001", () -> exec("INSERT INTO acct (id, owner) VALUES (8, 'much too long')"));
        exec("CREATE TABLE big (d DECIMAL(38, 10))");
        exec("INSERT INTO big VALUES (1234567890123456789012345678.0123456789)");
        assertEquals(List.of("1234567890123456789012345678.0123456789"), text("SELECT d FROM big"));
    }
}
