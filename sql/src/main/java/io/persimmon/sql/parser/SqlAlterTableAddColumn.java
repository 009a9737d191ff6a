package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code ALTER TABLE name ADD [COLUMN] column-definition}. Its kind is
 * {@link SqlKind#ALTER_TABLE}; the column definition is the same as in CREATE TABLE, including
 * DEFAULT (the value existing rows get) and column-level constraints.
 */
public final class SqlAlterTableAddColumn extends SqlDdl {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER TABLE ADD COLUMN", SqlKind.ALTER_TABLE);

  private final SqlIdentifier table;
  private final SqlColumnDefinition column;

  /** Creates the node. */
  public SqlAlterTableAddColumn(SqlParserPos pos, SqlIdentifier table,
      SqlColumnDefinition column) {
    super(OPERATOR, pos);
    this.table = table;
    this.column = column;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(table, column);
  }

  /** The altered table's name, possibly qualified. */
  public SqlIdentifier getTable() {
    return table;
  }

  /** The new column. */
  public SqlColumnDefinition getColumn() {
    return column;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    table.unparse(writer, 0, 0);
    writer.keyword("ADD COLUMN");
    column.unparse(writer, 0, 0);
  }
}
