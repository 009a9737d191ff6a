package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CHAR(n) values compare with PAD SPACE wherever they are compared, as in the standard, H2 and
 * PostgreSQL: a CHAR(3) 'ab ' equals 'ab' in an IN list, a select-list comparison, a CASE, and
 * against a VARCHAR column holding 'ab'.
 */
class CharPadSpaceTest extends SqlTestSupport {
    @Test
    void shouldCompareCharValuesWithPadSpaceEverywhere() throws Exception {
        exec("CREATE TABLE c (id INT PRIMARY KEY, ch CHAR(3), v VARCHAR(5), w CHAR(5))");
        exec("INSERT INTO c VALUES (1, 'ab', 'ab', 'ab')");
        exec("INSERT INTO c VALUES (2, 'x', 'xy', 'xy')");
        assertEquals(List.of(List.of(1)), query("SELECT id FROM c WHERE ch IN ('ab', 'zz') ORDER BY id"));
        assertEquals(List.of(List.of(1), List.of(2)), query("SELECT id FROM c WHERE ch IN ('ab', 'x') ORDER BY id"));
        assertEquals(List.of(List.of(2)), query("SELECT id FROM c WHERE ch NOT IN ('ab') ORDER BY id"));
        assertEquals(List.of(List.of(true), List.of(false)), query("SELECT ch = 'ab' FROM c ORDER BY id"));
        assertEquals(List.of(List.of(1), List.of(0)), query("SELECT CASE WHEN ch = 'ab' THEN 1 ELSE 0 END FROM c ORDER BY id"));
        assertEquals(List.of(List.of(1)), query("SELECT id FROM c WHERE ch = v ORDER BY id"));
        assertEquals(List.of(List.of(1)), query("SELECT id FROM c WHERE ch = w ORDER BY id"));
        assertEquals(List.of(List.of(2)), query("SELECT id FROM c WHERE ch < v ORDER BY id"));
        assertEquals(List.of(List.of(1), List.of(2)), query("SELECT id FROM c WHERE ch >= 'ab' ORDER BY id"));
        // A literal longer than the CHAR length is compared without the padding's spaces.
        assertEquals(List.of(List.of(1)), query("SELECT id FROM c WHERE ch IN ('ab  ', 'abcd') ORDER BY id"));
        // The stored value keeps its padding.
        assertEquals(List.of(List.of("ab ")), query("SELECT ch FROM c WHERE id = 1"));
    }

    @Test
    void shouldFindRowsOfACharKeyByAnInListOfLiterals() throws Exception {
        exec("CREATE TABLE k (code CHAR(4) PRIMARY KEY, n INT)");
        exec("INSERT INTO k VALUES ('a', 1), ('bb', 2), ('ccc', 3)");
        assertEquals(List.of(List.of(1), List.of(3)), query("SELECT n FROM k WHERE code IN ('a', 'ccc') ORDER BY n"));
        String plan = plan("SELECT n FROM k WHERE code IN ('a', 'ccc')");
        assertTrue(plan.contains("PRIMARY KEY IN"), plan); // the padded literals are still key lookups
        assertEquals(List.of(List.of(2)), query("SELECT n FROM k WHERE code = 'bb'"));
    }
}
