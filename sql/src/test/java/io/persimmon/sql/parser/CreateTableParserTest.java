package io.persimmon.sql.parser;

import io.persimmon.sql.parser.SqlTableConstraint.ConstraintKind;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.persimmon.sql.parser.ParserTestSupport.assertParseError;
import static io.persimmon.sql.parser.ParserTestSupport.assertRoundTrip;
import static io.persimmon.sql.parser.ParserTestSupport.parse;
import static io.persimmon.sql.parser.ParserTestSupport.parseRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CREATE TABLE, with column definitions and constraints, and CREATE TABLE ... AS. */
class CreateTableParserTest {

  private static SqlTypeName typeName(SqlColumnDefinition column) {
    return SqlTypeName.get(column.getType().getTypeName().getSimple());
  }

  private static int precision(SqlColumnDefinition column) {
    return ((SqlBasicTypeNameSpec) column.getType().getTypeNameSpec()).getPrecision();
  }

  @Test void shouldParseCreateTableWithColumnLevelConstraints() {
    final SqlCreateTable create = parseRoundTrip("create table warehouse (\n"
        + "  w_id int primary key,\n"
        + "  w_name varchar(10) not null,\n"
        + "  w_tax decimal(4, 4) default 0.1,\n"
        + "  w_code char(2) unique,\n"
        + "  w_district int references district(d_id))", SqlCreateTable.class);
    assertEquals(SqlKind.CREATE_TABLE, create.getKind());
    assertEquals(List.of("WAREHOUSE"), create.getName().names);
    assertFalse(create.isIfNotExists());
    final List<SqlColumnDefinition> columns = create.getColumns();
    assertEquals(List.of("W_ID", "W_NAME", "W_TAX", "W_CODE", "W_DISTRICT"),
        columns.stream().map(SqlColumnDefinition::getSimpleName).toList());

    final SqlColumnDefinition id = columns.get(0);
    assertEquals(SqlTypeName.INTEGER, typeName(id));
    assertTrue(id.isPrimaryKey());
    assertTrue(id.isNullable(), "nullability as written; the key makes it NOT NULL later");
    assertFalse(id.hasDefault());

    final SqlColumnDefinition name = columns.get(1);
    assertEquals(SqlTypeName.VARCHAR, typeName(name));
    assertEquals(10, precision(name));
    assertFalse(name.isNullable());
    assertTrue(name.getConstraints().isEmpty());

    final SqlColumnDefinition tax = columns.get(2);
    final SqlBasicTypeNameSpec taxType = (SqlBasicTypeNameSpec) tax.getType().getTypeNameSpec();
    assertEquals(4, taxType.getPrecision());
    assertEquals(4, taxType.getScale());
    assertTrue(tax.hasDefault());
    assertEquals("0.1", ((SqlLiteral) tax.getDefaultValue()).toValue());

    final SqlColumnDefinition code = columns.get(3);
    assertTrue(code.isUnique());
    assertFalse(code.isPrimaryKey());

    final SqlTableConstraint fk = columns.get(4).getConstraints().get(0);
    assertEquals(ConstraintKind.FOREIGN_KEY, fk.getConstraintKind());
    assertEquals(SqlKind.FOREIGN_KEY, fk.getKind());
    assertTrue(fk.isColumnLevel());
    assertEquals(List.of("W_DISTRICT"), fk.getColumnNames());
    assertEquals(List.of("DISTRICT"), fk.getReferencedTable().names);
    assertEquals(List.of("D_ID"), fk.getReferencedColumnNames());

    assertEquals(List.of("W_ID"), create.getPrimaryKeyColumns());
    assertEquals(3, create.getAllConstraints().size());
    assertTrue(create.getTableConstraints().isEmpty());
  }

  @Test void shouldParseTableLevelPrimaryKey() {
    final SqlCreateTable create = parseRoundTrip("CREATE TABLE order_line (\n"
        + "  ol_w_id INT NOT NULL, ol_d_id INT NOT NULL, ol_o_id INT NOT NULL,\n"
        + "  ol_number INT NOT NULL, ol_amount DECIMAL(6, 2),\n"
        + "  PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number))", SqlCreateTable.class);
    assertEquals(List.of("OL_W_ID", "OL_D_ID", "OL_O_ID", "OL_NUMBER"),
        create.getPrimaryKeyColumns());
    final SqlTableConstraint pk = create.getTableConstraints().get(0);
    assertEquals(ConstraintKind.PRIMARY_KEY, pk.getConstraintKind());
    assertEquals(SqlKind.PRIMARY_KEY, pk.getKind());
    assertFalse(pk.isColumnLevel());
    assertNull(pk.getConstraintName());
    assertNull(pk.getReferencedTable());
    assertEquals(5, create.getColumns().size());
    assertTrue(create.getColumns().stream().noneMatch(SqlColumnDefinition::isPrimaryKey));
  }

  @Test void shouldParseNamedTableConstraints() {
    final SqlCreateTable create = parseRoundTrip("create table t (a int, b int, c int,"
        + " constraint pk_t primary key (a),"
        + " constraint uq_t unique (b, c),"
        + " constraint fk_t foreign key (b, c) references s.u (x, y))", SqlCreateTable.class);
    final List<SqlTableConstraint> constraints = create.getTableConstraints();
    assertEquals(3, constraints.size());
    assertEquals("PK_T", constraints.get(0).getConstraintName().getSimple());
    assertEquals(ConstraintKind.UNIQUE, constraints.get(1).getConstraintKind());
    assertEquals("UQ_T", constraints.get(1).getConstraintName().getSimple());
    assertEquals(List.of("B", "C"), constraints.get(1).getColumnNames());
    final SqlTableConstraint fk = constraints.get(2);
    assertEquals(ConstraintKind.FOREIGN_KEY, fk.getConstraintKind());
    assertEquals("FK_T", fk.getConstraintName().getSimple());
    assertEquals(List.of("B", "C"), fk.getColumnNames());
    assertEquals(List.of("S", "U"), fk.getReferencedTable().names);
    assertEquals(List.of("X", "Y"), fk.getReferencedColumnNames());
  }

  @Test void shouldParseForeignKeyWithoutReferencedColumns() {
    final SqlCreateTable create = parseRoundTrip(
        "create table t (a int, foreign key (a) references u)", SqlCreateTable.class);
    final SqlTableConstraint fk = create.getTableConstraints().get(0);
    assertEquals(List.of("U"), fk.getReferencedTable().names);
    assertTrue(fk.getReferencedColumnNames().isEmpty());
    assertEquals(List.of(), create.getPrimaryKeyColumns());
  }

  @Test void shouldParseNamedColumnConstraints() {
    final SqlCreateTable create = parseRoundTrip("create table t ("
        + " a int constraint pk_a primary key,"
        + " b int constraint nn_b not null constraint uq_b unique,"
        + " c int constraint fk_c references u (x))", SqlCreateTable.class);
    final List<SqlColumnDefinition> columns = create.getColumns();
    assertEquals("PK_A",
        columns.get(0).getConstraints().get(0).getConstraintName().getSimple());
    assertEquals("NN_B", columns.get(1).getNotNullConstraintName().getSimple());
    assertFalse(columns.get(1).isNullable());
    assertEquals("UQ_B",
        columns.get(1).getConstraints().get(0).getConstraintName().getSimple());
    assertEquals("FK_C",
        columns.get(2).getConstraints().get(0).getConstraintName().getSimple());
    assertEquals(List.of("X"), columns.get(2).getConstraints().get(0).getReferencedColumnNames());
  }

  @Test void shouldParseColumnAttributesInAnyOrder() {
    final SqlCreateTable a = parse("create table t (c varchar(5) default 'x' not null unique)",
        SqlCreateTable.class);
    final SqlCreateTable b = parse("create table t (c varchar(5) unique not null default 'x')",
        SqlCreateTable.class);
    final SqlColumnDefinition columnA = a.getColumns().get(0);
    final SqlColumnDefinition columnB = b.getColumns().get(0);
    for (SqlColumnDefinition column : List.of(columnA, columnB)) {
      assertFalse(column.isNullable());
      assertTrue(column.isUnique());
      assertEquals("x", ((SqlLiteral) column.getDefaultValue()).getValueAs(String.class));
    }
    assertEquals(assertRoundTrip(a), assertRoundTrip(b));
  }

  @Test void shouldParseDefaultNullAndExplicitNull() {
    final SqlCreateTable create = parseRoundTrip(
        "create table t (a int null default null, b int default null, c int)",
        SqlCreateTable.class);
    final SqlColumnDefinition a = create.getColumns().get(0);
    assertTrue(a.isNullable());
    assertTrue(a.isNullabilityDeclared());
    assertTrue(a.hasDefault());
    assertEquals(SqlTypeName.NULL, ((SqlLiteral) a.getDefaultValue()).getTypeName());
    final SqlColumnDefinition b = create.getColumns().get(1);
    assertFalse(b.isNullabilityDeclared());
    assertTrue(b.hasDefault());
    final SqlColumnDefinition c = create.getColumns().get(2);
    assertFalse(c.hasDefault());
    assertNull(c.getDefaultValue());
    assertTrue(c.isNullable());
  }

  @Test void shouldParseDefaultExpressions() {
    final SqlCreateTable create = parseRoundTrip("create table t ("
        + " a int default -1 not null,"
        + " b timestamp default current_timestamp,"
        + " c int default 2 * 3,"
        + " d boolean default true,"
        + " e date default date '2024-01-31')", SqlCreateTable.class);
    final List<SqlColumnDefinition> columns = create.getColumns();
    assertFalse(columns.get(0).isNullable());
    assertEquals("-1", columns.get(0).getDefaultValue().toString());
    assertEquals("CURRENT_TIMESTAMP", columns.get(1).getDefaultValue().toString());
    assertEquals(SqlKind.TIMES, columns.get(2).getDefaultValue().getKind());
    assertEquals(Boolean.TRUE, ((SqlLiteral) columns.get(3).getDefaultValue()).booleanValue());
    assertEquals(SqlKind.LITERAL, columns.get(4).getDefaultValue().getKind());
    assertEquals("DATE '2024-01-31'", columns.get(4).getDefaultValue().toString());
  }

  @Test void shouldParseCreateTableIfNotExistsWithQualifiedName() {
    final SqlCreateTable create = parseRoundTrip(
        "create table if not exists app.customer (c_id bigint)", SqlCreateTable.class);
    assertTrue(create.isIfNotExists());
    assertEquals(List.of("APP", "CUSTOMER"), create.getName().names);
    assertTrue(PersimmonParserConfig.toSql(create).startsWith("CREATE TABLE IF NOT EXISTS"));
  }

  @Test void shouldAllowTableWithoutPrimaryKey() {
    final SqlCreateTable create = parseRoundTrip(
        "create table history (h_c_id int, h_date timestamp, h_amount decimal(6, 2),"
            + " h_data varchar(24))", SqlCreateTable.class);
    assertEquals(List.of(), create.getPrimaryKeyColumns());
    assertTrue(create.getAllConstraints().isEmpty());
    assertEquals(4, create.getColumns().size());
  }

  @Test void shouldKeepQuotedNamesExactly() {
    final SqlCreateTable create = parseRoundTrip(
        "create table \"MixedCase\" (\"id\" int, Name varchar(3))", SqlCreateTable.class);
    assertEquals("MixedCase", create.getName().getSimple());
    assertEquals("id", create.getColumns().get(0).getSimpleName());
    assertEquals("NAME", create.getColumns().get(1).getSimpleName());
  }

  @Test void shouldParseCreateTableAsSelect() {
    final SqlCreateTableAs create = parseRoundTrip(
        "create table new_customer as select c_id, c_last from customer where c_w_id = 1",
        SqlCreateTableAs.class);
    assertEquals(SqlKind.CREATE_TABLE, create.getKind());
    assertEquals(List.of("NEW_CUSTOMER"), create.getName().names);
    assertTrue(create.getColumnNames().isEmpty());
    final SqlSelect select = assertInstanceOf(SqlSelect.class, create.getQuery());
    assertEquals(2, select.getSelectList().size());
    assertFalse(create.isIfNotExists());
  }

  @Test void shouldParseCreateTableAsWithColumnNamesAndOrderBy() {
    final SqlCreateTableAs create = parseRoundTrip(
        "create table if not exists t2 (x, y) as select a, b from t order by a limit 10",
        SqlCreateTableAs.class);
    assertTrue(create.isIfNotExists());
    assertEquals(List.of("X", "Y"), create.getColumnNameStrings());
    assertInstanceOf(SqlOrderBy.class, create.getQuery());
  }

  @Test void shouldRejectCreateTableAsWithTypes() {
    assertParseError("create table t (x int) as select 1 from u",
        "CREATE TABLE ... AS takes column names only", 1, 17);
  }

  @Test void shouldRejectColumnWithoutType() {
    assertParseError("create table t (a int, b)", "Column B needs a data type", 1, 24);
  }

  @Test void shouldRejectTwoPrimaryKeys() {
    assertParseError("create table t (a int primary key, b int, primary key (b))",
        "only one PRIMARY KEY", 1, 43);
  }

  @Test void shouldRejectUnknownConstraintColumn() {
    assertParseError("create table t (a int, unique (a, z))", "Unknown column Z", 1, 35);
  }

  @Test void shouldRejectDuplicateColumn() {
    assertParseError("create table t (a int, A bigint)", "Duplicate column name A", 1, 24);
  }

  @Test void shouldRejectContradictoryNullability() {
    assertParseError("create table t (a int null not null)",
        "NULL or NOT NULL is given twice for column A", 1, 28);
    assertParseError("create table t (a int null primary key)",
        "cannot be both NULL and PRIMARY KEY", 1, 17);
  }

  @Test void shouldRejectTwoDefaults() {
    assertParseError("create table t (a int default 1 default 2)",
        "DEFAULT is given twice", 1, 33);
  }

  @Test void shouldRejectForeignKeyColumnCountMismatch() {
    assertParseError("create table t (a int, b int, foreign key (a, b) references u (x))",
        "FOREIGN KEY has 2 column(s) but REFERENCES lists 1", 1, 63);
  }

  @Test void shouldRejectCreateOrReplaceTable() {
    assertParseError("create or replace table t (a int)",
        "CREATE OR REPLACE TABLE is not supported", 1, 1);
  }

  @Test void shouldRejectTableWithoutColumns() {
    assertParseError("create table t (primary key (a))", "at least one column", 1, 1);
  }

  @Test void shouldRejectCreateTableWithoutColumnsOrQuery() {
    assertParseError("create table t", "Encountered \"<EOF>\"", 1, 14);
  }

  @Test void shouldCollectAllConstraintsInOrder() {
    final SqlCreateTable create = parse("create table t (a int unique, b int primary key,"
        + " unique (a, b))", SqlCreateTable.class);
    final List<SqlTableConstraint> all = create.getAllConstraints();
    assertEquals(List.of(ConstraintKind.UNIQUE, ConstraintKind.PRIMARY_KEY,
        ConstraintKind.UNIQUE), all.stream().map(SqlTableConstraint::getConstraintKind).toList());
    assertEquals(List.of(true, true, false),
        all.stream().map(SqlTableConstraint::isColumnLevel).toList());
    assertEquals(List.of("B"), create.getPrimaryKeyColumns());
    final SqlNode element = create.getElements().get(2);
    assertInstanceOf(SqlTableConstraint.class, element);
  }
}
