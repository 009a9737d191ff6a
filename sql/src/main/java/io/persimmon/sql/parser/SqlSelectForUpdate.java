package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;
import java.util.Objects;

/**
 * A locking read, {@code query FOR UPDATE}: the rows the query reads are locked for the rest
 * of the transaction as if they had been updated.
 *
 * <p>The node only wraps the query, which is an ordinary SELECT (possibly inside ORDER BY /
 * LIMIT / OFFSET / FETCH, i.e. a {@link SqlOrderBy}, or a WITH), so the SQL layer unwraps it,
 * validates and plans {@link #getQuery()} as usual and remembers to lock. Set operations
 * (UNION, INTERSECT, EXCEPT) and VALUES are rejected by the parser: which rows to lock would
 * be unclear. {@code FOR UPDATE} is accepted only at the end of a whole statement, not in a
 * sub-query or after EXPLAIN.
 *
 * <p>Its kind is {@link SqlKind#OTHER}; {@link org.apache.calcite.sql.util.SqlShuttle}s can
 * copy it (its operator re-creates a {@code SqlSelectForUpdate}).
 */
public final class SqlSelectForUpdate extends SqlCall {

  /** The operator; {@code createCall} builds a {@code SqlSelectForUpdate}. */
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("FOR UPDATE", SqlKind.OTHER) {
    @Override public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos,
        SqlNode... operands) {
      return new SqlSelectForUpdate(pos, Objects.requireNonNull(operands[0], "query"));
    }
  };

  private final SqlNode query;

  /** Wraps {@code query}; {@link #create} also checks that the query can be locked. */
  public SqlSelectForUpdate(SqlParserPos pos, SqlNode query) {
    super(pos);
    this.query = query;
  }

  /**
   * Wraps {@code query} after checking it is a SELECT, as the parser does.
   *
   * @param forUpdatePos position of the words FOR UPDATE, used in the error message
   */
  public static SqlSelectForUpdate create(SqlParserPos forUpdatePos, SqlNode query) {
    if (innerSelect(query) == null) {
      throw PersimmonParserSupport.error(forUpdatePos,
          "FOR UPDATE is allowed only after a SELECT, not after "
              + (query.isA(SqlKind.SET_QUERY) ? "UNION, INTERSECT or EXCEPT"
                  : query.getKind() == SqlKind.VALUES ? "VALUES" : "this statement"));
    }
    return new SqlSelectForUpdate(query.getParserPosition().plus(forUpdatePos), query);
  }

  /** The SELECT at the core of {@code query}, or null if it is not a single SELECT. */
  private static SqlSelect innerSelect(SqlNode query) {
    if (query instanceof SqlSelect select) {
      return select;
    }
    if (query instanceof SqlOrderBy orderBy) {
      return innerSelect(orderBy.query);
    }
    if (query instanceof SqlWith with) {
      return innerSelect(with.body);
    }
    return null;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(query);
  }

  /** The locking query, unchanged: plan it as any other query. */
  public SqlNode getQuery() {
    return query;
  }

  /** The SELECT whose FROM rows are locked (the query itself, or inside ORDER BY / WITH). */
  public SqlSelect getSelect() {
    return Objects.requireNonNull(innerSelect(query), "not a SELECT");
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    query.unparse(writer, 0, 0);
    writer.newlineAndIndent();
    writer.keyword("FOR UPDATE");
  }
}
