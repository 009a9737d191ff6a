package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** One key column of {@link SqlCreateIndex}: {@code name [ASC | DESC]}. */
public final class SqlIndexColumn extends SqlCall {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("INDEX COLUMN", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final boolean descending;
  private final boolean directionWritten;

  /**
   * Creates a key column.
   *
   * @param directionWritten whether ASC or DESC was written (kept so unparse reproduces it)
   */
  public SqlIndexColumn(SqlParserPos pos, SqlIdentifier name, boolean descending,
      boolean directionWritten) {
    super(pos);
    this.name = name;
    this.descending = descending;
    this.directionWritten = directionWritten || descending;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  /** The column's name as an identifier. */
  public SqlIdentifier getName() {
    return name;
  }

  /** The column's name after case folding. */
  public String getSimpleName() {
    return name.getSimple();
  }

  /** True for DESC; false for ASC or no direction (ascending is the default). */
  public boolean isDescending() {
    return descending;
  }

  /** Whether ASC or DESC was written. */
  public boolean isDirectionWritten() {
    return directionWritten;
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    if (descending) {
      writer.keyword("DESC");
    } else if (directionWritten) {
      writer.keyword("ASC");
    }
  }
}
