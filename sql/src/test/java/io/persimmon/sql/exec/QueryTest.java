package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryTest extends SqlTestSupport {
    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE dept (id INT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE emp (id INT PRIMARY KEY, dept INT, name VARCHAR(10), salary INT)");
        exec("INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')");
        exec("INSERT INTO emp VALUES (10, 1, 'a', 100), (11, 1, 'b', 200), (12, 2, 'c', 50), (13, NULL, 'd', 10)");
    }

    @Test
    void shouldJoinEveryWay() throws Exception {
        assertEquals(List.of("a, eng", "b, eng", "c, ops"),
                text("SELECT e.name, d.name FROM emp e JOIN dept d ON e.dept = d.id ORDER BY e.name"));
        assertEquals(List.of("a, eng", "b, eng", "c, ops", "d, null"),
                text("SELECT e.name, d.name FROM emp e LEFT JOIN dept d ON e.dept = d.id ORDER BY e.name"));
        assertEquals(List.of("empty"),
                text("SELECT d.name FROM emp e RIGHT JOIN dept d ON e.dept = d.id WHERE e.id IS NULL"));
        assertEquals(List.of("a, eng", "b, eng", "c, ops"),
                text("SELECT e.name, d.name FROM emp e, dept d WHERE e.dept = d.id ORDER BY 1"));
        assertEquals(5, query("SELECT * FROM emp e FULL JOIN dept d ON e.dept = d.id").size());
    }

    @Test
    void shouldAggregateAndGroup() throws Exception {
        assertEquals(List.of("1, 2, 300, 150.00", "2, 1, 50, 50.00"), text(
                "SELECT dept, COUNT(*), SUM(salary), CAST(AVG(salary) AS DECIMAL(10, 2)) FROM emp"
                        + " WHERE dept IS NOT NULL GROUP BY dept HAVING COUNT(*) >= 1 ORDER BY dept"));
        assertEquals(List.of("4, 10, 200"), text("SELECT COUNT(*), MIN(salary), MAX(salary) FROM emp"));
        assertEquals(List.of("2"), text("SELECT COUNT(DISTINCT dept) FROM emp"));
    }

    @Test
    void shouldOrderLimitAndOffset() throws Exception {
        assertEquals(List.of("b", "a"), text("SELECT name FROM emp ORDER BY salary DESC LIMIT 2"));
        assertEquals(List.of("a", "c"), text("SELECT name FROM emp ORDER BY salary DESC LIMIT 2 OFFSET 1"));
        assertEquals(List.of("c"), text("SELECT name FROM emp ORDER BY id OFFSET 2 ROWS FETCH NEXT 1 ROWS ONLY"));
    }

    @Test
    void shouldCombineQueries() throws Exception {
        assertEquals(List.of("1", "2", "3", "10", "11", "12", "13"),
                text("SELECT id FROM dept UNION SELECT id FROM emp ORDER BY 1"));
        assertEquals(List.of("1", "2"), text("SELECT id FROM dept INTERSECT SELECT dept FROM emp ORDER BY 1"));
        assertEquals(List.of("3"), text("SELECT id FROM dept EXCEPT SELECT dept FROM emp"));
        assertEquals(6, query("SELECT dept FROM emp UNION ALL SELECT 1 FROM dept WHERE id < 3").size());
    }

    @Test
    void shouldRunSubqueriesCaseAndFunctions() throws Exception {
        assertEquals(List.of("b"), text("SELECT name FROM emp WHERE salary = (SELECT MAX(salary) FROM emp)"));
        assertEquals(List.of("eng", "ops"),
                text("SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id) ORDER BY 1"));
        assertEquals(List.of("a, low", "b, high"), text("SELECT name, CASE WHEN salary > 150 THEN 'high' ELSE 'low' END"
                + " FROM emp WHERE dept IN (SELECT id FROM dept WHERE name = 'eng') ORDER BY name"));
        assertEquals(List.of("A!, 2, 3"), text("SELECT UPPER(name) || '!', CHAR_LENGTH('ab'), MOD(7, 4) FROM emp WHERE id = 10"));
        assertEquals(List.of("1", "2"), text("SELECT DISTINCT dept FROM emp WHERE dept IS NOT NULL ORDER BY dept"));
    }

    @Test
    void shouldSeeRowsThroughSecondaryIndex() throws Exception {
        exec("CREATE INDEX emp_dept ON emp (dept)");
        assertEquals(List.of("a", "b"), text("SELECT name FROM emp WHERE dept = 1 ORDER BY name"));
        exec("UPDATE emp SET dept = 2 WHERE id = 10");
        assertEquals(List.of("b"), text("SELECT name FROM emp WHERE dept = 1"));
        assertEquals(List.of("a", "c"), text("SELECT name FROM emp WHERE dept = ? ORDER BY name", 2));
    }
}
