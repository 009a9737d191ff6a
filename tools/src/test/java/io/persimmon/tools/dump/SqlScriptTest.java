package io.persimmon.tools.dump;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SqlScriptTest {
    private static List<SqlScript.Statement> split(String script) throws IOException, SQLException {
        List<SqlScript.Statement> out = new ArrayList<>();
        SqlScript.read(new StringReader(script), out::add);
        return out;
    }

    @Test
    void shouldSplitAtSemicolonsOutsideStringsNamesAndComments() throws Exception {
        List<SqlScript.Statement> s = split("""
                -- a comment; not a statement
                CREATE TABLE "a;b" (x VARCHAR(9));
                /* a block;
                   comment */ INSERT INTO "a;b" VALUES ('it''s; -- not a comment'),
                  ('/* nor this */');

                SELECT 1 -- trailing; comment
                ;
                last""");
        assertEquals(4, s.size(), s.toString());
        assertEquals(new SqlScript.Statement(1, 2, "CREATE TABLE \"a;b\" (x VARCHAR(9))"), s.get(0));
        assertEquals(4, s.get(1).line());
        assertTrue(s.get(1).sql().endsWith("VALUES ('it''s; -- not a comment'),\n  ('/* nor this */')"), s.get(1).sql());
        assertEquals(7, s.get(2).line());
        assertEquals("SELECT 1", s.get(2).sql());
        assertEquals(new SqlScript.Statement(4, 9, "last"), s.get(3));
    }

    @Test
    void shouldRefuseAScriptThatEndsInsideAString() {
        SqlScript.Unterminated e = assertThrows(SqlScript.Unterminated.class, () -> split("SELECT 1;\nSELECT 'open;\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
