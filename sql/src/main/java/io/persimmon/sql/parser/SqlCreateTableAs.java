package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name [(column, ...)] AS query}: a table whose columns
 * and types come from the query (renamed by the optional column list) and which is filled with
 * the query's rows. Its kind is {@link SqlKind#CREATE_TABLE}, like {@link SqlCreateTable}.
 */
public final class SqlCreateTableAs extends SqlCreate {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE AS", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final SqlNodeList columnNames;
  private final SqlNode query;

  /** Creates the node. */
  public SqlCreateTableAs(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
      SqlNodeList columnNames, SqlNode query) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.columnNames = columnNames;
    this.query = query;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, columnNames, query);
  }

  /** The new table's name, possibly qualified. */
  public SqlIdentifier getName() {
    return name;
  }

  /** Whether IF NOT EXISTS was written. */
  public boolean isIfNotExists() {
    return ifNotExists;
  }

  /** The column names given before AS, as identifiers; empty if none were given. */
  public SqlNodeList getColumnNames() {
    return columnNames;
  }

  /** The column names given before AS; empty if none were given. */
  public List<String> getColumnNameStrings() {
    return SqlTableConstraint.names(columnNames);
  }

  /** The query after AS (a SELECT, UNION, VALUES, ORDER BY... node). */
  public SqlNode getQuery() {
    return query;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    if (!columnNames.isEmpty()) {
      SqlTableConstraint.unparseList(writer, columnNames);
    }
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
