package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.persimmon.sql.parser.ParserTestSupport.assertParseError;
import static io.persimmon.sql.parser.ParserTestSupport.parseRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DROP TABLE, CREATE INDEX, DROP INDEX and ALTER TABLE ... ADD COLUMN. */
class IndexAlterDropParserTest {

  @Test void shouldParseDropTable() {
    final SqlDropTable drop = parseRoundTrip("drop table stock", SqlDropTable.class);
    assertEquals(SqlKind.DROP_TABLE, drop.getKind());
    assertEquals(List.of("STOCK"), drop.getName().names);
    assertFalse(drop.isIfExists());
    assertEquals("DROP TABLE \"STOCK\"", PersimmonParserConfig.toSql(drop));
  }

  @Test void shouldParseDropTableIfExists() {
    final SqlDropTable drop = parseRoundTrip("DROP TABLE IF EXISTS app.\"Stock\"",
        SqlDropTable.class);
    assertTrue(drop.isIfExists());
    assertEquals(List.of("APP", "Stock"), drop.getName().names);
    assertEquals("DROP TABLE IF EXISTS \"APP\".\"Stock\"", PersimmonParserConfig.toSql(drop));
  }

  @Test void shouldParseDropTableNamedIf() {
    // IF is a keyword of ours but not reserved: a table may be called IF.
    final SqlDropTable drop = parseRoundTrip("drop table if", SqlDropTable.class);
    assertFalse(drop.isIfExists());
    assertEquals("IF", drop.getName().getSimple());
  }

  @Test void shouldParseCreateIndex() {
    final SqlCreateIndex create = parseRoundTrip(
        "create index idx_customer_name on customer (c_w_id, c_d_id, c_last)",
        SqlCreateIndex.class);
    assertEquals(SqlKind.CREATE_INDEX, create.getKind());
    assertEquals("IDX_CUSTOMER_NAME", create.getName().getSimple());
    assertEquals(List.of("CUSTOMER"), create.getTable().names);
    assertFalse(create.isUnique());
    assertFalse(create.isIfNotExists());
    assertEquals(List.of("C_W_ID", "C_D_ID", "C_LAST"),
        create.getColumns().stream().map(SqlIndexColumn::getSimpleName).toList());
    assertTrue(create.getColumns().stream().noneMatch(SqlIndexColumn::isDescending));
    assertEquals("CREATE INDEX \"IDX_CUSTOMER_NAME\" ON \"CUSTOMER\" (\"C_W_ID\", \"C_D_ID\","
        + " \"C_LAST\")", PersimmonParserConfig.toSql(create));
  }

  @Test void shouldParseCreateUniqueIndexWithDirections() {
    final SqlCreateIndex create = parseRoundTrip(
        "CREATE UNIQUE INDEX IF NOT EXISTS s.i ON s.t (a DESC, b ASC, c)",
        SqlCreateIndex.class);
    assertTrue(create.isUnique());
    assertTrue(create.isIfNotExists());
    assertEquals(List.of("S", "I"), create.getName().names);
    assertEquals(List.of("S", "T"), create.getTable().names);
    final List<SqlIndexColumn> columns = create.getColumns();
    assertEquals(List.of(true, false, false),
        columns.stream().map(SqlIndexColumn::isDescending).toList());
    assertEquals(List.of(true, true, false),
        columns.stream().map(SqlIndexColumn::isDirectionWritten).toList());
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"S\".\"I\" ON \"S\".\"T\""
        + " (\"A\" DESC, \"B\" ASC, \"C\")", PersimmonParserConfig.toSql(create));
  }

  @Test void shouldRejectIndexColumnListedTwice() {
    assertParseError("create index i on t (a, b, A desc)", "Column A is listed twice", 1, 28);
  }

  @Test void shouldRejectIndexWithoutColumns() {
    assertParseError("create index i on t ()", "Encountered \" \")\" \")", 1, 22);
  }

  @Test void shouldParseDropIndex() {
    final SqlDropIndex drop = parseRoundTrip("drop index idx_customer_name", SqlDropIndex.class);
    assertEquals(SqlKind.DROP_INDEX, drop.getKind());
    assertEquals("IDX_CUSTOMER_NAME", drop.getName().getSimple());
    assertFalse(drop.isIfExists());
    final SqlDropIndex ifExists = parseRoundTrip("drop index if exists i", SqlDropIndex.class);
    assertTrue(ifExists.isIfExists());
    assertEquals("DROP INDEX IF EXISTS \"I\"", PersimmonParserConfig.toSql(ifExists));
  }

  @Test void shouldParseAlterTableAddColumn() {
    final SqlAlterTableAddColumn alter = parseRoundTrip(
        "alter table customer add column c_note varchar(100) default 'none' not null",
        SqlAlterTableAddColumn.class);
    assertEquals(SqlKind.ALTER_TABLE, alter.getKind());
    assertEquals(List.of("CUSTOMER"), alter.getTable().names);
    final SqlColumnDefinition column = alter.getColumn();
    assertEquals("C_NOTE", column.getSimpleName());
    final SqlBasicTypeNameSpec type = (SqlBasicTypeNameSpec) column.getType().getTypeNameSpec();
    assertEquals(SqlTypeName.VARCHAR, SqlTypeName.get(type.getTypeName().getSimple()));
    assertEquals(100, type.getPrecision());
    assertFalse(column.isNullable());
    assertEquals("none", ((SqlLiteral) column.getDefaultValue()).getValueAs(String.class));
    assertEquals("ALTER TABLE \"CUSTOMER\" ADD COLUMN \"C_NOTE\" VARCHAR(100) DEFAULT 'none'"
        + " NOT NULL", PersimmonParserConfig.toSql(alter));
  }

  @Test void shouldParseAlterTableAddWithoutColumnKeyword() {
    final SqlAlterTableAddColumn alter = parseRoundTrip(
        "ALTER TABLE s.t ADD c2 timestamp(6) unique", SqlAlterTableAddColumn.class);
    assertEquals(List.of("S", "T"), alter.getTable().names);
    assertEquals("C2", alter.getColumn().getSimpleName());
    assertTrue(alter.getColumn().isUnique());
    assertTrue(alter.getColumn().isNullable());
  }

  @Test void shouldStillParseAlterSystem() {
    assertInstanceOf(org.apache.calcite.sql.SqlSetOption.class,
        ParserTestSupport.parse("alter system set x = 1"));
  }

  @Test void shouldRejectAlterTableWithoutType() {
    assertParseError("alter table t add column c", "Encountered \"<EOF>\"", 1, 26);
  }

  @Test void shouldGiveOperandsForVisitors() {
    final SqlCreateIndex create = parseRoundTrip("create index i on t (a)", SqlCreateIndex.class);
    assertEquals(3, create.getOperandList().size());
    assertInstanceOf(SqlNodeList.class, create.getOperandList().get(2));
  }
}
