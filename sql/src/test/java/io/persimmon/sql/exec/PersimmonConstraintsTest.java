package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersimmonConstraintsTest extends SqlTestSupport {
    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE warehouse (w_id INT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE district (d_w_id INT REFERENCES warehouse, d_id INT, PRIMARY KEY (d_w_id, d_id))");
        exec("CREATE TABLE customer (c_id INT PRIMARY KEY, c_w_id INT, c_d_id INT,"
                + " CONSTRAINT fk_cd FOREIGN KEY (c_w_id, c_d_id) REFERENCES district (d_w_id, d_id))");
        exec("INSERT INTO warehouse VALUES (1, 'w1'), (2, 'w2')");
        exec("INSERT INTO district VALUES (1, 1), (1, 2)");
        exec("INSERT INTO customer VALUES (1, 1, 1), (2, NULL, NULL)");
    }

    @Test
    void shouldRefuseChildWithoutParent() throws Exception {
        assertState("23503", () -> exec("INSERT INTO district VALUES (3, 1)"));
        assertState("23503", () -> exec("INSERT INTO customer VALUES (3, 1, 9)"));
        assertState("23503", () -> exec("UPDATE customer SET c_d_id = 3 WHERE c_id = 1"));
        assertEquals(1, exec("UPDATE customer SET c_d_id = 2 WHERE c_id = 1"));
        assertEquals(1, exec("INSERT INTO district VALUES (2, 1)"));
    }

    @Test
    void shouldRefuseDeletingOrChangingReferencedParent() throws Exception {
        assertState("23503", () -> exec("DELETE FROM warehouse WHERE w_id = 1"));
        assertState("23503", () -> exec("UPDATE district SET d_id = 5 WHERE d_id = 1"));
        assertEquals(1, exec("DELETE FROM warehouse WHERE w_id = 2"));
        assertEquals(1, exec("DELETE FROM district WHERE d_id = 2"));
        assertEquals(List.of("1"), text("SELECT w_id FROM warehouse"));
    }

    @Test
    void shouldSeeParentsWrittenInTheSameTransaction() throws Exception {
        session.setAutoCommit(false);
        exec("INSERT INTO warehouse VALUES (3, 'w3')");
        exec("INSERT INTO district VALUES (3, 1)");
        exec("DELETE FROM district WHERE d_w_id = 3");
        exec("DELETE FROM warehouse WHERE w_id = 3");
        session.commit();
        assertEquals(List.of("1", "2"), text("SELECT w_id FROM warehouse ORDER BY w_id"));
    }
}
