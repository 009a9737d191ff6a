package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.ArrayList;
import java.util.List;

/**
 * A column definition in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN}:
 * <pre>name type [ [CONSTRAINT c] NOT NULL | NULL | DEFAULT expr
 *     | [CONSTRAINT c] PRIMARY KEY | [CONSTRAINT c] UNIQUE
 *     | [CONSTRAINT c] REFERENCES table [(column)] ]...</pre>
 *
 * <p>Column-level PRIMARY KEY, UNIQUE and REFERENCES are kept as {@link SqlTableConstraint}s
 * (with {@link SqlTableConstraint#isColumnLevel()} true and this column as their only column),
 * so an executor can treat them exactly like table-level ones; see
 * {@link SqlCreateTable#getAllConstraints()}.
 *
 * <p>{@link #isNullable()} reports only what the definition says; a column named in a
 * PRIMARY KEY is NOT NULL whatever it says, which the executor enforces.
 */
public final class SqlColumnDefinition extends SqlCall {

  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("COLUMN DEFINITION", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;
  /** TRUE if "NULL" was written, FALSE if "NOT NULL", null if neither. */
  private final Boolean declaredNullable;
  private final SqlIdentifier notNullConstraintName;
  private final SqlNode defaultValue;
  private final List<SqlTableConstraint> constraints;

  /** Creates a column definition; the parser uses {@link Builder}. */
  public SqlColumnDefinition(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
      Boolean declaredNullable, SqlIdentifier notNullConstraintName, SqlNode defaultValue,
      List<SqlTableConstraint> constraints) {
    super(pos);
    this.name = name;
    this.type = type;
    this.declaredNullable = declaredNullable;
    this.notNullConstraintName = notNullConstraintName;
    this.defaultValue = defaultValue;
    this.constraints = List.copyOf(constraints);
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, type, defaultValue,
        new SqlNodeList(constraints, getParserPosition()));
  }

  /** The column's name as written (one part). */
  public SqlIdentifier getName() {
    return name;
  }

  /** The column's name after case folding, e.g. {@code C_ID} for {@code c_id}. */
  public String getSimpleName() {
    return name.getSimple();
  }

  /** The declared type, e.g. {@code DECIMAL(12, 2)}; its own nullability is not set. */
  public SqlDataTypeSpec getType() {
    return type;
  }

  /** False if the definition says NOT NULL, true otherwise (see the class comment about keys). */
  public boolean isNullable() {
    return declaredNullable == null || declaredNullable;
  }

  /** Whether NULL or NOT NULL was written at all. */
  public boolean isNullabilityDeclared() {
    return declaredNullable != null;
  }

  /** The name given by {@code CONSTRAINT name NOT NULL}, or null. */
  public SqlIdentifier getNotNullConstraintName() {
    return notNullConstraintName;
  }

  /** Whether a DEFAULT clause was written ({@code DEFAULT NULL} included). */
  public boolean hasDefault() {
    return defaultValue != null;
  }

  /** The DEFAULT expression, a NULL literal for {@code DEFAULT NULL}, or null if none. */
  public SqlNode getDefaultValue() {
    return defaultValue;
  }

  /** The column-level PRIMARY KEY, UNIQUE and REFERENCES constraints, in written order. */
  public List<SqlTableConstraint> getConstraints() {
    return constraints;
  }

  /** Whether the column itself is declared PRIMARY KEY. */
  public boolean isPrimaryKey() {
    return has(SqlTableConstraint.ConstraintKind.PRIMARY_KEY);
  }

  /** Whether the column itself is declared UNIQUE. */
  public boolean isUnique() {
    return has(SqlTableConstraint.ConstraintKind.UNIQUE);
  }

  private boolean has(SqlTableConstraint.ConstraintKind kind) {
    return constraints.stream().anyMatch(c -> c.getConstraintKind() == kind);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
    if (defaultValue != null) {
      writer.keyword("DEFAULT");
      defaultValue.unparse(writer, 0, 0);
    }
    if (declaredNullable != null) {
      if (notNullConstraintName != null) {
        writer.keyword("CONSTRAINT");
        notNullConstraintName.unparse(writer, 0, 0);
      }
      writer.keyword(declaredNullable ? "NULL" : "NOT NULL");
    }
    for (SqlTableConstraint constraint : constraints) {
      constraint.unparse(writer, 0, 0);
    }
  }

  /**
   * Collects the clauses after a column's type, in any order, rejecting contradictions
   * ({@code NULL NOT NULL}, two DEFAULTs...). Used by the generated parser.
   */
  public static final class Builder {
    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private Boolean declaredNullable;
    private SqlIdentifier notNullConstraintName;
    private SqlNode defaultValue;
    private final List<SqlTableConstraint> constraints = new ArrayList<>();

    /** Starts a definition; checks that the type is one Persimmon supports. */
    public Builder(SqlIdentifier name, SqlDataTypeSpec type) {
      this.name = name;
      this.type = PersimmonParserSupport.checkColumnType(type);
    }

    /** Records {@code [CONSTRAINT c] NOT NULL} or {@code NULL}. */
    public void nullable(SqlParserPos pos, boolean nullable, SqlIdentifier constraintName) {
      if (declaredNullable != null) {
        throw PersimmonParserSupport.error(pos,
            "NULL or NOT NULL is given twice for column " + name.getSimple());
      }
      declaredNullable = nullable;
      notNullConstraintName = constraintName;
    }

    /** Records {@code DEFAULT expression}. */
    public void defaultValue(SqlParserPos pos, SqlNode value) {
      if (defaultValue != null) {
        throw PersimmonParserSupport.error(pos,
            "DEFAULT is given twice for column " + name.getSimple());
      }
      defaultValue = value;
    }

    /** Records a column-level PRIMARY KEY, UNIQUE or REFERENCES. */
    public void constraint(SqlParserPos pos, SqlTableConstraint.ConstraintKind kind,
        SqlIdentifier constraintName, SqlIdentifier referencedTable,
        SqlNodeList referencedColumns) {
      for (SqlTableConstraint c : constraints) {
        if (c.getConstraintKind() == kind
            && kind != SqlTableConstraint.ConstraintKind.FOREIGN_KEY) {
          throw PersimmonParserSupport.error(pos,
              kind.sql + " is given twice for column " + name.getSimple());
        }
      }
      if (referencedColumns != null && referencedColumns.size() > 1) {
        throw PersimmonParserSupport.error(referencedColumns.getParserPosition(),
            "REFERENCES of column " + name.getSimple() + " must name one column");
      }
      constraints.add(
          new SqlTableConstraint(pos, kind, constraintName,
              new SqlNodeList(List.of(name), name.getParserPosition()),
              referencedTable, referencedColumns, true));
    }

    /** Ends the definition. */
    public SqlColumnDefinition build(SqlParserPos pos) {
      if (Boolean.TRUE.equals(declaredNullable)
          && constraints.stream().anyMatch(
              c -> c.getConstraintKind() == SqlTableConstraint.ConstraintKind.PRIMARY_KEY)) {
        throw PersimmonParserSupport.error(pos,
            "Column " + name.getSimple() + " cannot be both NULL and PRIMARY KEY");
      }
      return new SqlColumnDefinition(pos, name, type, declaredNullable, notNullConstraintName,
          defaultValue, constraints);
    }
  }
}
