package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the parser tests. */
final class ParserTestSupport {

  private ParserTestSupport() {
  }

  /** Parses one statement with {@link PersimmonParserConfig#CONFIG}, failing the test on error. */
  static SqlNode parse(String sql) {
    try {
      return PersimmonParserConfig.parse(sql);
    } catch (SqlParseException e) {
      return fail("could not parse: " + sql + "\n" + e.getMessage(), e);
    }
  }

  /** Parses {@code sql} and checks the node is a {@code type}. */
  static <T extends SqlNode> T parse(String sql, Class<T> type) {
    return assertInstanceOf(type, parse(sql), sql);
  }

  /**
   * Unparses {@code node}, parses that text, unparses again and checks both texts are the
   * same and the node class is kept. Returns the text.
   */
  static String assertRoundTrip(SqlNode node) {
    final String first = PersimmonParserConfig.toSql(node);
    final SqlNode again = parse(first);
    assertEquals(node.getClass(), again.getClass(), first);
    assertEquals(first, PersimmonParserConfig.toSql(again), "unparse, parse, unparse");
    return first;
  }

  /** Parses {@code sql}, checks the node class, round-trips it and returns the node. */
  static <T extends SqlNode> T parseRoundTrip(String sql, Class<T> type) {
    final T node = parse(sql, type);
    assertRoundTrip(node);
    return node;
  }

  /**
   * Checks that {@code sql} fails with a {@link SqlParseException} whose message contains
   * {@code fragment} and whose position is {@code line}, {@code column}, stated in the message.
   */
  static SqlParseException assertParseError(String sql, String fragment, int line, int column) {
    final SqlParseException e =
        assertThrows(SqlParseException.class, () -> PersimmonParserConfig.parse(sql), sql);
    assertTrue(e.getMessage().contains(fragment),
        () -> "message of " + sql + " should contain [" + fragment + "] but is: " + e.getMessage());
    assertNotNull(e.getPos(), "position");
    assertEquals(line, e.getPos().getLineNum(), () -> "line of: " + e.getMessage());
    assertEquals(column, e.getPos().getColumnNum(), () -> "column of: " + e.getMessage());
    assertTrue(e.getMessage().contains("line " + line + ", column " + column),
        () -> "message should state the position: " + e.getMessage());
    return e;
  }
}
