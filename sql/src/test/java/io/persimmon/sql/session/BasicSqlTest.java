package io.persimmon.sql.session;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BasicSqlTest extends SqlTestSupport {
    @Test
    void shouldCreateInsertAndSelect() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
        assertEquals(2, exec("INSERT INTO t VALUES (1, 'one'), (2, 'two')"));
        assertEquals(List.of("1, one", "2, two"), text("SELECT id, name FROM t ORDER BY id"));
        assertEquals(List.of("two"), text("SELECT name FROM t WHERE id = ?", 2));
    }
}
