package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.util.SqlShuttle;
import org.junit.jupiter.api.Test;

import static io.persimmon.sql.parser.ParserTestSupport.assertParseError;
import static io.persimmon.sql.parser.ParserTestSupport.parse;
import static io.persimmon.sql.parser.ParserTestSupport.parseRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** SELECT ... FOR UPDATE, the locking read. */
class SelectForUpdateParserTest {

  @Test void shouldParseForUpdateDirectlyAfterTable() {
    // The case where FOR would otherwise start "FOR SYSTEM_TIME AS OF".
    final SqlSelectForUpdate node =
        parseRoundTrip("select * from t for update", SqlSelectForUpdate.class);
    final SqlSelect select = assertInstanceOf(SqlSelect.class, node.getQuery());
    assertSame(select, node.getSelect());
    assertEquals("T", ((SqlIdentifier) select.getFrom()).getSimple());
    assertEquals(SqlKind.OTHER, node.getKind());
    assertEquals("SELECT *\nFROM \"T\"\nFOR UPDATE", PersimmonParserConfig.toSql(node));
  }

  @Test void shouldParseForUpdateAfterAliasedTable() {
    final SqlSelectForUpdate node =
        parseRoundTrip("select s.s_quantity from stock as s for update", SqlSelectForUpdate.class);
    assertEquals(SqlKind.AS, node.getSelect().getFrom().getKind());
  }

  @Test void shouldParseForUpdateWithWhere() {
    final SqlSelectForUpdate node = parseRoundTrip(
        "SELECT d_next_o_id, d_tax FROM district WHERE d_w_id = ? AND d_id = ? FOR UPDATE",
        SqlSelectForUpdate.class);
    final SqlSelect select = node.getSelect();
    assertEquals(2, select.getSelectList().size());
    final SqlBasicCall where = assertInstanceOf(SqlBasicCall.class, select.getWhere());
    assertEquals(SqlKind.AND, where.getKind());
    assertInstanceOf(SqlDynamicParam.class, ((SqlBasicCall) where.operand(1)).operand(1));
  }

  @Test void shouldParseForUpdateWithOrderByAndFetch() {
    final SqlSelectForUpdate node = parseRoundTrip(
        "select no_o_id from new_order where no_w_id = 1 order by no_o_id"
            + " fetch first 1 rows only for update", SqlSelectForUpdate.class);
    final SqlOrderBy orderBy = assertInstanceOf(SqlOrderBy.class, node.getQuery());
    assertEquals(1, orderBy.orderList.size());
    assertNotNull(orderBy.fetch);
    assertSame(orderBy.query, node.getSelect());
  }

  @Test void shouldParseForUpdateWithLimit() {
    final SqlSelectForUpdate node =
        parseRoundTrip("select * from t limit 1 for update", SqlSelectForUpdate.class);
    final SqlOrderBy orderBy = assertInstanceOf(SqlOrderBy.class, node.getQuery());
    assertEquals("1", orderBy.fetch.toString());
  }

  @Test void shouldParseForUpdateWithJoin() {
    final SqlSelectForUpdate node = parseRoundTrip(
        "select * from a join b on a.id = b.id for update", SqlSelectForUpdate.class);
    assertInstanceOf(SqlJoin.class, node.getSelect().getFrom());
  }

  @Test void shouldParseForUpdateWithWith() {
    final SqlSelectForUpdate node = parseRoundTrip(
        "with x as (select 1 as a) select * from t where t.a in (select a from x) for update",
        SqlSelectForUpdate.class);
    assertInstanceOf(SqlWith.class, node.getQuery());
    assertEquals("T", ((SqlIdentifier) node.getSelect().getFrom()).getSimple());
  }

  @Test void shouldNotWrapQueryWithoutForUpdate() {
    assertInstanceOf(SqlSelect.class, parse("select * from t"));
    assertInstanceOf(SqlSelect.class, parse("select * from t where a = 1"));
  }

  @Test void shouldStillParseForSystemTime() {
    final SqlSelect select = parseRoundTrip(
        "select * from products for system_time as of timestamp '2024-01-01 00:00:00'",
        SqlSelect.class);
    assertInstanceOf(SqlSnapshot.class, select.getFrom());
  }

  @Test void shouldParseForSystemTimeThenForUpdate() {
    final SqlSelectForUpdate node = parseRoundTrip(
        "select * from t for system_time as of current_timestamp for update",
        SqlSelectForUpdate.class);
    assertInstanceOf(SqlSnapshot.class, node.getSelect().getFrom());
  }

  @Test void shouldRejectForUpdateAfterUnion() {
    assertParseError("select a from t union select a from u for update",
        "FOR UPDATE is allowed only after a SELECT, not after UNION", 1, 39);
  }

  @Test void shouldRejectForUpdateAfterValues() {
    assertParseError("values (1) for update", "not after VALUES", 1, 12);
  }

  @Test void shouldRejectForUpdateInSubQuery() {
    assertParseError("select * from (select * from t for update)", "Encountered \" \"FOR\" \"for", 1, 32);
  }

  @Test void shouldRejectForWithoutUpdate() {
    assertParseError("select * from t for", "Encountered \"<EOF>\"", 1, 19);
  }

  @Test void shouldParseForUpdateInStatementList() throws Exception {
    final SqlNodeList list = PersimmonParserConfig.parseList(
        "select * from t for update; update t set a = 1; select 1 from t");
    assertEquals(3, list.size());
    assertInstanceOf(SqlSelectForUpdate.class, list.get(0));
    assertInstanceOf(SqlSelect.class, list.get(2));
  }

  @Test void shouldBeCopiedBySqlShuttle() {
    final SqlSelectForUpdate node =
        parse("select * from t where a = 5 for update", SqlSelectForUpdate.class);
    // A shuttle that changes a literal forces a copy of every call above it.
    final SqlNode copy = node.accept(new SqlShuttle() {
      @Override public SqlNode visit(org.apache.calcite.sql.SqlLiteral literal) {
        return new SqlDynamicParam(0, literal.getParserPosition());
      }
    });
    final SqlSelectForUpdate copied = assertInstanceOf(SqlSelectForUpdate.class, copy);
    assertNotSame(node, copied);
    assertEquals("SELECT *\nFROM \"T\"\nWHERE \"A\" = ?\nFOR UPDATE",
        PersimmonParserConfig.toSql(copied));
  }
}
