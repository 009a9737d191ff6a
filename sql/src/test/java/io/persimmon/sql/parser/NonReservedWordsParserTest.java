package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.persimmon.sql.parser.ParserTestSupport.assertParseError;
import static io.persimmon.sql.parser.ParserTestSupport.parse;
import static io.persimmon.sql.parser.ParserTestSupport.parseRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Words that work as unquoted table and column names, and those that stay reserved. */
class NonReservedWordsParserTest {

  /** Words the brief asked for, ours, and the extra common column names we un-reserved. */
  static final List<String> WORDS = List.of(
      "KEY", "NAME", "TYPE", "STATUS", "VALUE", "DATA", "COMMENT", "LANGUAGE", "POSITION",
      "INDEX", "IF", "VARIANT", "RESULT", "START", "OPEN", "CLOSE", "METHOD", "MODULE", "SCOPE",
      "GLOBAL", "PERCENT", "CONDITION", "SEARCH", "RETURN", "PARAMETER", "IMPORT",
      "LEVEL", "SIZE", "ROLE", "STATE", "VERSION", "DESCRIPTION", "NUMBER", "SOURCE");

  private static SqlAbstractParserImpl.Metadata metadata() {
    return SqlParser.create("", PersimmonParserConfig.CONFIG).getMetadata();
  }

  @Test void shouldNotReserveTheWords() {
    final SqlAbstractParserImpl.Metadata metadata = metadata();
    for (String word : WORDS) {
      assertFalse(metadata.isReservedWord(word), word);
    }
  }

  @Test void shouldAcceptTheWordsAsColumnNamesInCreateTable() {
    final StringBuilder sql = new StringBuilder("create table t (id int primary key");
    for (String word : WORDS) {
      sql.append(", ").append(word.toLowerCase()).append(" varchar(10)");
    }
    sql.append(", unique (value, position), foreign key (key) references u (name))");
    final SqlCreateTable create = parseRoundTrip(sql.toString(), SqlCreateTable.class);
    assertEquals(WORDS, create.getColumns().stream().skip(1)
        .map(SqlColumnDefinition::getSimpleName).toList());
    assertEquals(List.of("VALUE", "POSITION"),
        create.getTableConstraints().get(0).getColumnNames());
  }

  @ParameterizedTest
  @ValueSource(strings = {"KEY", "NAME", "TYPE", "STATUS", "VALUE", "DATA", "COMMENT",
      "LANGUAGE", "POSITION", "INDEX", "IF", "RESULT", "START", "VARIANT"})
  void shouldAcceptTheWordAsTableAndColumnName(String word) {
    final String w = word.toLowerCase();
    parseRoundTrip("create table " + w + " (" + w + " int)", SqlCreateTable.class);
    parseRoundTrip("create index " + w + " on " + w + " (" + w + " desc)", SqlCreateIndex.class);
    parseRoundTrip("alter table " + w + " add " + w + "2 int", SqlAlterTableAddColumn.class);
    final SqlSelect select = parseRoundTrip("select " + w + ", " + w + " + 1, (" + w + "), "
        + "t." + w + " from " + w + " as t where " + w + " = 1 and (" + w + ") in (1, 2)"
        + " group by " + w + " having count(" + w + ") > 1", SqlSelect.class);
    assertEquals(word, ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
    assertEquals(word, ((SqlIdentifier) select.getSelectList().get(2)).getSimple());
    final SqlIdentifier from = ((SqlBasicCall) select.getFrom()).operand(0);
    assertEquals(word, from.getSimple());
    parseRoundTrip("select * from t order by " + w + " desc", SqlOrderBy.class);
    parseRoundTrip("select " + w + " from t for update", SqlSelectForUpdate.class);
    parseRoundTrip("insert into t (" + w + ") values (1)", SqlInsert.class);
    parseRoundTrip("update t set " + w + " = " + w + " + 1 where " + w + " > 0", SqlUpdate.class);
    parseRoundTrip("drop index " + w, SqlDropIndex.class);
    parseRoundTrip("drop table " + w, SqlDropTable.class);
  }

  @Test void shouldParseValueInExpressions() {
    final SqlSelect select = parseRoundTrip("select (value + 1) * 2, coalesce(value, 0),"
        + " case when value > 0 then value else -value end from t where value in (1, 2)"
        + " and (value) between 1 and 5 and exists (select value from u)", SqlSelect.class);
    assertEquals(3, select.getSelectList().size());
  }

  @Test void shouldStillParseValueAsValuesSynonym() {
    // LENIENT conformance allows "VALUE (...)" for VALUES.
    final SqlNode values = parse("value (1, 2), (3, 4)");
    assertEquals(SqlKind.VALUES, values.getKind());
    final SqlInsert insert = parse("insert into t value (1)", SqlInsert.class);
    assertEquals(SqlKind.VALUES, insert.getSource().getKind());
  }

  @Test void shouldStillParseBuiltInUsesOfTheWords() {
    final SqlSelect select = parse("select position('b' in 'abc'), next value for seq,"
        + " json_value('{}', '$.a'), cast(x as variant) from t", SqlSelect.class);
    final SqlNodeList items = select.getSelectList();
    assertEquals(SqlKind.POSITION, items.get(0).getKind());
    assertEquals(SqlKind.NEXT_VALUE, items.get(1).getKind());
    assertEquals(SqlKind.CAST, items.get(3).getKind());
    // POSITION with FROM, and the column POSITION beside it.
    parseRoundTrip("select position('b' in position from 2) from t", SqlSelect.class);
  }

  @Test void shouldKeepTpccColumnNamesWorking() {
    final SqlCreateTable create = parseRoundTrip("create table stock (s_i_id int not null,"
        + " s_w_id int not null, s_quantity decimal(4, 0), s_dist_01 char(24),"
        + " s_ytd decimal(8, 0), s_order_cnt int, s_remote_cnt int, s_data varchar(50),"
        + " primary key (s_w_id, s_i_id))", SqlCreateTable.class);
    assertEquals(List.of("S_W_ID", "S_I_ID"), create.getPrimaryKeyColumns());
    parseRoundTrip("create table customer (c_id int, c_d_id int, c_w_id int,"
        + " c_first varchar(16), c_middle char(2), c_last varchar(16), c_credit char(2),"
        + " c_credit_lim decimal(12, 2), c_discount decimal(4, 4), c_balance decimal(12, 2),"
        + " c_since timestamp, c_data varchar(500), primary key (c_w_id, c_d_id, c_id))",
        SqlCreateTable.class);
    parseRoundTrip("create table oorder (o_id int, o_d_id int, o_w_id int, o_c_id int,"
        + " o_entry_d timestamp, o_carrier_id int, o_ol_cnt decimal(2, 0),"
        + " o_all_local decimal(1, 0), primary key (o_w_id, o_d_id, o_id))",
        SqlCreateTable.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"USER", "DATE", "TIME", "TIMESTAMP", "YEAR", "ORDER", "GROUP",
      "TABLE", "COUNT", "UUID", "ROW", "END", "LIMIT"})
  void shouldKeepReservedWordsReserved(String word) {
    assertTrue(metadata().isReservedWord(word), word);
    // ... but quoting makes any of them a name.
    final SqlCreateTable create = parseRoundTrip(
        "create table t (\"" + word + "\" int)", SqlCreateTable.class);
    assertEquals(word, create.getColumns().get(0).getSimpleName());
  }

  @Test void shouldRejectReservedWordAsUnquotedColumnName() {
    assertParseError("create table t (user int)", "user", 1, 17);
  }
}
