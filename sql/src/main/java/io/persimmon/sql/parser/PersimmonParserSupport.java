package io.persimmon.sql.parser;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks and factories called from the actions of the generated parser
 * ({@code io.persimmon.sql.parser.impl.PersimmonSqlParserImpl}); not meant for other callers.
 *
 * <p>Every check throws the exception made by {@link #error}, which the parser turns into a
 * {@link org.apache.calcite.sql.parser.SqlParseException} carrying the position of the offending
 * text, with "at line L, column C" in its message like JavaCC's own syntax errors.
 */
public final class PersimmonParserSupport {

  /** Largest precision of DECIMAL / NUMERIC. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  /** Largest fractional-second precision of TIME and TIMESTAMP. */
  public static final int MAX_FRACTIONAL_SECOND_PRECISION = 6;

  /** The column types CREATE TABLE and ALTER TABLE ... ADD COLUMN accept. */
  public static final Set<SqlTypeName> SUPPORTED_COLUMN_TYPES = EnumSet.of(
      SqlTypeName.BOOLEAN, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT,
      SqlTypeName.DECIMAL, SqlTypeName.REAL, SqlTypeName.FLOAT, SqlTypeName.DOUBLE,
      SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.VARBINARY,
      SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP);

  private static final String SUPPORTED_TYPES_TEXT =
      "BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL(p, s), REAL, FLOAT, DOUBLE, CHAR(n), "
          + "VARCHAR(n), VARBINARY(n), DATE, TIME, TIMESTAMP(p)";

  private PersimmonParserSupport() {
  }

  /**
   * Makes the exception a parser action throws for a statement that is well-formed for the
   * grammar but not acceptable (a DECIMAL precision of 40, two primary keys...).
   */
  public static CalciteContextException error(SqlParserPos pos, String message) {
    final String text = String.format(Locale.ROOT, "%s at line %d, column %d",
        message, pos.getLineNum(), pos.getColumnNum());
    return new CalciteContextException(text, new IllegalArgumentException(text),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
  }

  /** Checks that {@code type} is one Persimmon can store, within its precision limits. */
  public static SqlDataTypeSpec checkColumnType(SqlDataTypeSpec type) {
    final SqlTypeNameSpec spec = type.getTypeNameSpec();
    final SqlParserPos pos = type.getParserPosition();
    if (!(spec instanceof SqlBasicTypeNameSpec basic)) {
      throw error(pos, "Unsupported data type " + typeText(type) + "; supported types are "
          + SUPPORTED_TYPES_TEXT);
    }
    final SqlTypeName typeName = SqlTypeName.get(basic.getTypeName().getSimple());
    if (typeName == null || !SUPPORTED_COLUMN_TYPES.contains(typeName)) {
      throw error(pos, "Unsupported data type " + typeText(type) + "; supported types are "
          + SUPPORTED_TYPES_TEXT);
    }
    if (basic.getCharSetName() != null) {
      throw error(pos, "CHARACTER SET is not supported in a column definition");
    }
    final int precision = basic.getPrecision();
    final int scale = basic.getScale();
    switch (typeName) {
    case DECIMAL -> {
      if (precision != RelDataType.PRECISION_NOT_SPECIFIED
          && (precision < 1 || precision > MAX_DECIMAL_PRECISION)) {
        throw error(pos, "DECIMAL precision must be between 1 and " + MAX_DECIMAL_PRECISION
            + ", not " + precision);
      }
      if (scale != RelDataType.SCALE_NOT_SPECIFIED && (scale < 0 || scale > precision)) {
        throw error(pos, "DECIMAL scale must be between 0 and the precision " + precision
            + ", not " + scale);
      }
    }
    case CHAR, VARCHAR, VARBINARY -> {
      if (precision != RelDataType.PRECISION_NOT_SPECIFIED && precision < 1) {
        throw error(pos, "The length of " + typeName + " must be at least 1, not " + precision);
      }
    }
    case TIME, TIMESTAMP -> {
      if (precision != RelDataType.PRECISION_NOT_SPECIFIED
          && precision > MAX_FRACTIONAL_SECOND_PRECISION) {
        throw error(pos, typeName + " precision must be between 0 and "
            + MAX_FRACTIONAL_SECOND_PRECISION + ", not " + precision);
      }
    }
    default -> {
      // no parameters to check
    }
    }
    return type;
  }

  private static String typeText(SqlDataTypeSpec type) {
    return type.toString().replace("`", "");
  }

  /**
   * Builds the node for {@code CREATE TABLE name (elements)} or
   * {@code CREATE TABLE name [(names)] AS query}, after checking that the pieces fit together.
   */
  public static SqlNode createTable(SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlNodeList elements, SqlNode query) {
    if (replace) {
      throw error(pos, "CREATE OR REPLACE TABLE is not supported");
    }
    if (query != null) {
      if (!query.isA(SqlKind.QUERY)) {
        throw error(query.getParserPosition(), "CREATE TABLE ... AS needs a query");
      }
      final SqlNodeList names = elements == null ? SqlNodeList.EMPTY : elements;
      final Set<String> seen = new HashSet<>();
      for (SqlNode element : names) {
        if (!(element instanceof SqlIdentifier id)) {
          throw error(element.getParserPosition(),
              "CREATE TABLE ... AS takes column names only, without types or constraints");
        }
        if (!seen.add(id.getSimple())) {
          throw error(id.getParserPosition(), "Duplicate column name " + id.getSimple());
        }
      }
      return new SqlCreateTableAs(pos, ifNotExists, name, names, query);
    }
    final Set<String> columns = new HashSet<>();
    SqlTableConstraint primaryKey = null;
    for (SqlNode element : elements) {
      if (element instanceof SqlIdentifier id) {
        throw error(id.getParserPosition(), "Column " + id.getSimple() + " needs a data type");
      }
      if (element instanceof SqlColumnDefinition column) {
        if (!columns.add(column.getSimpleName())) {
          throw error(column.getName().getParserPosition(),
              "Duplicate column name " + column.getSimpleName());
        }
        for (SqlTableConstraint constraint : column.getConstraints()) {
          primaryKey = checkSinglePrimaryKey(primaryKey, constraint);
        }
      }
    }
    if (columns.isEmpty()) {
      throw error(pos, "A table needs at least one column");
    }
    for (SqlNode element : elements) {
      if (element instanceof SqlTableConstraint constraint) {
        primaryKey = checkSinglePrimaryKey(primaryKey, constraint);
        checkColumnsExist(constraint.getColumns(), columns);
      }
    }
    return new SqlCreateTable(pos, ifNotExists, name, elements);
  }

  private static SqlTableConstraint checkSinglePrimaryKey(SqlTableConstraint primaryKey,
      SqlTableConstraint constraint) {
    if (constraint.getConstraintKind() != SqlTableConstraint.ConstraintKind.PRIMARY_KEY) {
      return primaryKey;
    }
    if (primaryKey != null) {
      throw error(constraint.getParserPosition(), "A table can have only one PRIMARY KEY");
    }
    return constraint;
  }

  private static void checkColumnsExist(SqlNodeList names, Set<String> columns) {
    final Set<String> seen = new HashSet<>();
    for (SqlNode node : names) {
      final SqlIdentifier id = (SqlIdentifier) node;
      if (!columns.contains(id.getSimple())) {
        throw error(id.getParserPosition(), "Unknown column " + id.getSimple());
      }
      if (!seen.add(id.getSimple())) {
        throw error(id.getParserPosition(), "Column " + id.getSimple() + " is listed twice");
      }
    }
  }

  /** Builds a table-level constraint, checking a FOREIGN KEY's two column lists agree. */
  public static SqlTableConstraint tableConstraint(SqlParserPos pos,
      SqlTableConstraint.ConstraintKind kind, SqlIdentifier name, SqlNodeList columns,
      SqlIdentifier referencedTable, SqlNodeList referencedColumns) {
    if (referencedColumns != null && !referencedColumns.isEmpty()
        && referencedColumns.size() != columns.size()) {
      throw error(referencedColumns.getParserPosition(), "FOREIGN KEY has " + columns.size()
          + " column(s) but REFERENCES lists " + referencedColumns.size());
    }
    return new SqlTableConstraint(pos, kind, name, columns, referencedTable,
        referencedColumns, false);
  }

  /** Builds {@code CREATE [UNIQUE] INDEX}. */
  public static SqlCreateIndex createIndex(SqlParserPos pos, boolean replace, boolean unique,
      boolean ifNotExists, SqlIdentifier name, SqlIdentifier table, List<SqlNode> columns) {
    if (replace) {
      throw error(pos, "CREATE OR REPLACE INDEX is not supported");
    }
    final Set<String> seen = new HashSet<>();
    for (SqlNode node : columns) {
      final SqlIndexColumn column = (SqlIndexColumn) node;
      if (!seen.add(column.getSimpleName())) {
        throw error(column.getParserPosition(),
            "Column " + column.getSimpleName() + " is listed twice");
      }
    }
    return new SqlCreateIndex(pos, unique, ifNotExists, name, table,
        new SqlNodeList(columns, pos));
  }
}
