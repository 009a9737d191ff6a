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

import java.util.ArrayList;
import java.util.List;

/**
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column [ASC | DESC], ...)}.
 * The parser has checked that no column is listed twice.
 */
public final class SqlCreateIndex extends SqlCreate {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

  private final boolean unique;
  private final SqlIdentifier name;
  private final SqlIdentifier table;
  private final SqlNodeList columns;

  /** Creates the node; {@code columns} holds {@link SqlIndexColumn}s. */
  public SqlCreateIndex(SqlParserPos pos, boolean unique, boolean ifNotExists,
      SqlIdentifier name, SqlIdentifier table, SqlNodeList columns) {
    super(OPERATOR, pos, false, ifNotExists);
    this.unique = unique;
    this.name = name;
    this.table = table;
    this.columns = columns;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, table, columns);
  }

  /** The index's name, possibly qualified. */
  public SqlIdentifier getName() {
    return name;
  }

  /** The indexed table's name, possibly qualified. */
  public SqlIdentifier getTable() {
    return table;
  }

  /** Whether UNIQUE was written. */
  public boolean isUnique() {
    return unique;
  }

  /** Whether IF NOT EXISTS was written. */
  public boolean isIfNotExists() {
    return ifNotExists;
  }

  /** The key columns in key order, each with its direction. */
  public List<SqlIndexColumn> getColumns() {
    final List<SqlIndexColumn> list = new ArrayList<>();
    for (SqlNode node : columns) {
      list.add((SqlIndexColumn) node);
    }
    return list;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (unique) {
      writer.keyword("UNIQUE");
    }
    writer.keyword("INDEX");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    writer.keyword("ON");
    table.unparse(writer, 0, 0);
    SqlTableConstraint.unparseList(writer, columns);
  }
}
