package io.persimmon.sql.parser;

import io.persimmon.sql.parser.impl.PersimmonSqlParserImpl;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The parser configuration of Persimmon's SQL layer.
 *
 * <ul>
 *   <li>parser: {@link PersimmonSqlParserImpl#FACTORY}, Calcite's grammar plus Persimmon's DDL,
 *       {@code SELECT ... FOR UPDATE} and extra non-reserved words (docs/sql-grammar.md);</li>
 *   <li>identifiers: unquoted ones are folded to upper case, double-quoted ones are kept
 *       exactly, and names then match case-sensitively ({@code foo}, {@code FOO} and
 *       {@code "FOO"} are the same name, {@code "foo"} is another); at most 128 characters;</li>
 *   <li>conformance {@link SqlConformanceEnum#LENIENT}: {@code LIMIT n [OFFSET m]},
 *       {@code OFFSET m LIMIT n}, {@code LIMIT m, n}, {@code !=}, {@code %}, GROUP BY alias or
 *       ordinal. BABEL would also do for the parser, but it also turns on lenient coercion and
 *       non-strict GROUP BY in the validator, which we do not want. The validator's conformance
 *       is set separately; use the same constant there.</li>
 * </ul>
 */
public final class PersimmonParserConfig {

  /** Longest identifier accepted, in characters. */
  public static final int IDENTIFIER_MAX_LENGTH = 128;

  /** Conformance for the parser (and, by the SQL layer's choice, the validator). */
  public static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.LENIENT;

  /** The configuration to create every Persimmon {@link SqlParser} with. */
  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(PersimmonSqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_UPPER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      .withConformance(CONFORMANCE)
      .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH);

  private PersimmonParserConfig() {
  }

  /** Parses one statement (a trailing semicolon is not allowed). */
  public static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, CONFIG).parseStmt();
  }

  /** Parses statements separated by semicolons. */
  public static SqlNodeList parseList(String sql) throws SqlParseException {
    return SqlParser.create(sql, CONFIG).parseStmtList();
  }

  /**
   * Writes {@code node} back as SQL this parser reads to an equal tree: identifiers in double
   * quotes (so case and reserved words survive), {@code LIMIT} written as
   * {@code FETCH NEXT n ROWS ONLY}.
   */
  public static String toSql(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)
        .withQuoteAllIdentifiers(true)).getSql();
  }
}
