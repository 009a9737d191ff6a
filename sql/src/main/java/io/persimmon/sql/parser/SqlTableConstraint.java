package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/**
 * A PRIMARY KEY, UNIQUE or FOREIGN KEY constraint, written either as a table element
 * <pre>[CONSTRAINT name] PRIMARY KEY (a, b)
 *[CONSTRAINT name] UNIQUE (a)
 *[CONSTRAINT name] FOREIGN KEY (a) REFERENCES t [(x)]</pre>
 * or inside a column definition ({@code [CONSTRAINT name] PRIMARY KEY | UNIQUE |
 * REFERENCES t [(x)]}), in which case {@link #isColumnLevel()} is true and
 * {@link #getColumns()} holds that column alone.
 *
 * <p>{@link #getKind()} is {@link SqlKind#PRIMARY_KEY}, {@link SqlKind#UNIQUE} or
 * {@link SqlKind#FOREIGN_KEY}.
 */
public final class SqlTableConstraint extends SqlCall {

  /** What the constraint enforces. */
  public enum ConstraintKind {
    PRIMARY_KEY("PRIMARY KEY", SqlKind.PRIMARY_KEY),
    UNIQUE("UNIQUE", SqlKind.UNIQUE),
    FOREIGN_KEY("FOREIGN KEY", SqlKind.FOREIGN_KEY);

    /** The SQL words that introduce it at table level. */
    final String sql;
    final SqlOperator operator;

    ConstraintKind(String sql, SqlKind kind) {
      this.sql = sql;
      this.operator = new SqlSpecialOperator(sql, kind);
    }
  }

  private final ConstraintKind constraintKind;
  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlIdentifier referencedTable;
  private final SqlNodeList referencedColumns;
  private final boolean columnLevel;

  /**
   * Creates a constraint.
   *
   * @param referencedTable   the REFERENCES table; null unless {@code kind} is FOREIGN_KEY
   * @param referencedColumns the REFERENCES columns; null or empty when not written (the
   *                          referenced table's primary key is meant)
   */
  public SqlTableConstraint(SqlParserPos pos, ConstraintKind kind, SqlIdentifier name,
      SqlNodeList columns, SqlIdentifier referencedTable, SqlNodeList referencedColumns,
      boolean columnLevel) {
    super(pos);
    this.constraintKind = kind;
    this.name = name;
    this.columns = columns;
    this.referencedTable = referencedTable;
    this.referencedColumns = referencedColumns == null ? SqlNodeList.EMPTY : referencedColumns;
    this.columnLevel = columnLevel;
    if ((kind == ConstraintKind.FOREIGN_KEY) != (referencedTable != null)) {
      throw new IllegalArgumentException("a FOREIGN KEY, and only it, has a referenced table");
    }
  }

  @Override public SqlOperator getOperator() {
    return constraintKind.operator;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columns, referencedTable, referencedColumns);
  }

  /** PRIMARY_KEY, UNIQUE or FOREIGN_KEY. */
  public ConstraintKind getConstraintKind() {
    return constraintKind;
  }

  /** The name given by {@code CONSTRAINT name}, or null. */
  public SqlIdentifier getConstraintName() {
    return name;
  }

  /** The constrained columns (for a FOREIGN KEY, the referencing ones), as identifiers. */
  public SqlNodeList getColumns() {
    return columns;
  }

  /** The constrained columns' names, in order. */
  public List<String> getColumnNames() {
    return names(columns);
  }

  /** The table a FOREIGN KEY references, or null for PRIMARY KEY and UNIQUE. */
  public SqlIdentifier getReferencedTable() {
    return referencedTable;
  }

  /** The referenced columns; empty if not written (then the referenced primary key is meant). */
  public SqlNodeList getReferencedColumns() {
    return referencedColumns;
  }

  /** The referenced columns' names; empty if not written. */
  public List<String> getReferencedColumnNames() {
    return names(referencedColumns);
  }

  /** Whether it was written inside a column definition rather than as a table element. */
  public boolean isColumnLevel() {
    return columnLevel;
  }

  static List<String> names(SqlNodeList identifiers) {
    return identifiers.stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (name != null) {
      writer.keyword("CONSTRAINT");
      name.unparse(writer, 0, 0);
    }
    if (columnLevel) {
      writer.keyword(constraintKind == ConstraintKind.FOREIGN_KEY ? "REFERENCES"
          : constraintKind.sql);
    } else {
      writer.keyword(constraintKind.sql);
      unparseList(writer, columns);
      if (constraintKind == ConstraintKind.FOREIGN_KEY) {
        writer.keyword("REFERENCES");
      }
    }
    if (referencedTable != null) {
      referencedTable.unparse(writer, 0, 0);
      if (!referencedColumns.isEmpty()) {
        unparseList(writer, referencedColumns);
      }
    }
  }

  static void unparseList(SqlWriter writer, SqlNodeList list) {
    final SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : list) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
