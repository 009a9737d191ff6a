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
 * {@code CREATE TABLE [IF NOT EXISTS] name (element, ...)}, where each element is a
 * {@link SqlColumnDefinition} or a table-level {@link SqlTableConstraint}, in any order.
 *
 * <p>The parser has already checked that there is at least one column, that column names are
 * distinct, that there is at most one PRIMARY KEY (column- or table-level), that table-level
 * constraints name existing columns, and that column types are supported. A table without a
 * primary key is allowed. {@code CREATE TABLE ... AS query} is {@link SqlCreateTableAs}.
 */
public final class SqlCreateTable extends SqlCreate {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final SqlNodeList elements;

  /** Creates the node; see {@link PersimmonParserSupport#createTable} for the checks. */
  public SqlCreateTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
      SqlNodeList elements) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.elements = elements;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, elements);
  }

  /** The table's name, possibly qualified ({@code schema.table}). */
  public SqlIdentifier getName() {
    return name;
  }

  /** Whether IF NOT EXISTS was written. */
  public boolean isIfNotExists() {
    return ifNotExists;
  }

  /** Columns and table-level constraints in written order. */
  public SqlNodeList getElements() {
    return elements;
  }

  /** The column definitions, in order. */
  public List<SqlColumnDefinition> getColumns() {
    final List<SqlColumnDefinition> list = new ArrayList<>();
    for (SqlNode element : elements) {
      if (element instanceof SqlColumnDefinition column) {
        list.add(column);
      }
    }
    return list;
  }

  /** The constraints written as table elements (not those inside column definitions). */
  public List<SqlTableConstraint> getTableConstraints() {
    final List<SqlTableConstraint> list = new ArrayList<>();
    for (SqlNode element : elements) {
      if (element instanceof SqlTableConstraint constraint) {
        list.add(constraint);
      }
    }
    return list;
  }

  /** Every constraint: those of the columns (in column order), then the table-level ones. */
  public List<SqlTableConstraint> getAllConstraints() {
    final List<SqlTableConstraint> list = new ArrayList<>();
    for (SqlColumnDefinition column : getColumns()) {
      list.addAll(column.getConstraints());
    }
    list.addAll(getTableConstraints());
    return list;
  }

  /** The primary key's columns in key order; empty if the table has no primary key. */
  public List<String> getPrimaryKeyColumns() {
    for (SqlTableConstraint constraint : getAllConstraints()) {
      if (constraint.getConstraintKind() == SqlTableConstraint.ConstraintKind.PRIMARY_KEY) {
        return constraint.getColumnNames();
      }
    }
    return List.of();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    SqlTableConstraint.unparseList(writer, elements);
  }
}
