package io.persimmon.sql.parser;

import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.persimmon.sql.parser.ParserTestSupport.assertParseError;
import static io.persimmon.sql.parser.ParserTestSupport.parse;
import static io.persimmon.sql.parser.ParserTestSupport.parseRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calcite's own statements still parse with Persimmon's parser and configuration. */
class QueryParserTest {

  @Test void shouldParseJoins() {
    final SqlSelect select = parseRoundTrip("select c.c_last, o.o_id, ol.ol_amount"
        + " from customer c join oorder o on o.o_c_id = c.c_id"
        + " left join order_line ol on ol.ol_o_id = o.o_id and ol.ol_w_id = o.o_w_id"
        + " where c.c_w_id = ?", SqlSelect.class);
    final SqlJoin outer = assertInstanceOf(SqlJoin.class, select.getFrom());
    assertEquals(JoinType.LEFT, outer.getJoinType());
    final SqlJoin inner = assertInstanceOf(SqlJoin.class, outer.getLeft());
    assertEquals(JoinType.INNER, inner.getJoinType());
    assertInstanceOf(SqlDynamicParam.class, ((SqlBasicCall) select.getWhere()).operand(1));
  }

  @Test void shouldParseSubQueries() {
    final SqlSelect select = parseRoundTrip("select * from (select a, b from t) as x"
        + " where x.a in (select a from u) and exists (select 1 from v where v.b = x.b)"
        + " and x.b > (select max(b) from w)", SqlSelect.class);
    assertEquals(SqlKind.AS, select.getFrom().getKind());
    final SqlBasicCall where = (SqlBasicCall) select.getWhere();
    assertEquals(SqlKind.AND, where.getKind());
  }

  @Test void shouldParseAggregates() {
    final SqlSelect select = parseRoundTrip("select ol_w_id, count(*), sum(ol_amount),"
        + " avg(ol_quantity), min(ol_i_id), max(ol_i_id), count(distinct ol_i_id)"
        + " from order_line group by ol_w_id having sum(ol_amount) > 100", SqlSelect.class);
    assertEquals(7, select.getSelectList().size());
    assertNotNull(select.getGroup());
    assertNotNull(select.getHaving());
    assertEquals("COUNT", ((SqlCall) select.getSelectList().get(1)).getOperator().getName());
  }

  @Test void shouldParseUnion() {
    final SqlNode union = parse("select a from t union select a from u union all select 1");
    assertEquals(SqlKind.UNION, union.getKind());
    ParserTestSupport.assertRoundTrip(union);
    assertEquals(SqlKind.INTERSECT,
        parse("select a from t intersect select a from u").getKind());
    assertEquals(SqlKind.EXCEPT, parse("select a from t except select a from u").getKind());
  }

  @Test void shouldParseCase() {
    final SqlSelect select = parseRoundTrip("select case when c_credit = 'BC' then 1"
        + " when c_credit = 'GC' then 2 else 0 end, case c_id when 1 then 'one' end"
        + " from customer", SqlSelect.class);
    final SqlCase first = assertInstanceOf(SqlCase.class, select.getSelectList().get(0));
    assertEquals(2, first.getWhenOperands().size());
    assertNotNull(first.getElseOperand());
  }

  @Test void shouldParseLimitOffset() {
    final SqlOrderBy orderBy = parseRoundTrip(
        "select * from t order by a desc limit 10 offset 20", SqlOrderBy.class);
    assertEquals(10, ((SqlLiteral) orderBy.fetch).intValue(true));
    assertEquals(20, ((SqlLiteral) orderBy.offset).intValue(true));
    assertEquals(SqlKind.DESCENDING, orderBy.orderList.get(0).getKind());
    // OFFSET before LIMIT, and MySQL's "LIMIT offset, count", need LENIENT conformance.
    final SqlOrderBy offsetFirst = parse("select * from t offset 5 limit 2", SqlOrderBy.class);
    assertEquals(2, ((SqlLiteral) offsetFirst.fetch).intValue(true));
    final SqlOrderBy mysql = parse("select * from t limit 5, 2", SqlOrderBy.class);
    assertEquals(5, ((SqlLiteral) mysql.offset).intValue(true));
    assertEquals(2, ((SqlLiteral) mysql.fetch).intValue(true));
    final SqlOrderBy params = parse("select * from t limit ? offset ?", SqlOrderBy.class);
    assertInstanceOf(SqlDynamicParam.class, params.fetch);
  }

  @Test void shouldParseFetchFirst() {
    final SqlOrderBy orderBy = parseRoundTrip(
        "select * from t order by a offset 3 rows fetch first 5 rows only", SqlOrderBy.class);
    assertEquals(5, ((SqlLiteral) orderBy.fetch).intValue(true));
    assertEquals(3, ((SqlLiteral) orderBy.offset).intValue(true));
    final SqlOrderBy next = parse("select * from t fetch next 1 row only", SqlOrderBy.class);
    assertNull(next.offset);
  }

  @Test void shouldParseBangEqual() {
    final SqlSelect select = parseRoundTrip("select * from t where a != 1 and b <> 2",
        SqlSelect.class);
    final SqlBasicCall and = (SqlBasicCall) select.getWhere();
    assertEquals(SqlKind.NOT_EQUALS, and.operand(0).getKind());
    assertEquals(SqlKind.NOT_EQUALS, and.operand(1).getKind());
  }

  @Test void shouldParseExplainPlanFor() {
    final SqlExplain explain = parseRoundTrip("explain plan for select * from t where a = 1",
        SqlExplain.class);
    assertInstanceOf(SqlSelect.class, explain.getExplicandum());
    final SqlExplain dml = parse("explain plan for update t set a = 1", SqlExplain.class);
    assertInstanceOf(SqlUpdate.class, dml.getExplicandum());
  }

  @Test void shouldParseWith() {
    final SqlWith with = parseRoundTrip(
        "with x (a) as (select 1), y as (select 2) select * from x, y", SqlWith.class);
    assertEquals(2, with.withList.size());
  }

  @Test void shouldParseDml() {
    final SqlInsert insert = parseRoundTrip(
        "insert into new_order (no_o_id, no_d_id, no_w_id) values (?, ?, ?)", SqlInsert.class);
    assertEquals(3, insert.getTargetColumnList().size());
    final SqlUpdate update = parseRoundTrip(
        "update district set d_next_o_id = d_next_o_id + 1 where d_w_id = ? and d_id = ?",
        SqlUpdate.class);
    assertEquals("D_NEXT_O_ID", ((SqlIdentifier) update.getTargetColumnList().get(0)).getSimple());
    final SqlDelete delete = parseRoundTrip("delete from new_order where no_o_id = ?",
        SqlDelete.class);
    assertNotNull(delete.getCondition());
    parseRoundTrip("insert into t select * from u", SqlInsert.class);
  }

  @Test void shouldParseStatementList() throws SqlParseException {
    final SqlNodeList list = PersimmonParserConfig.parseList(
        "create table t (a int primary key); insert into t values (1); select * from t;");
    assertEquals(3, list.size());
    assertInstanceOf(SqlCreateTable.class, list.get(0));
    assertInstanceOf(SqlInsert.class, list.get(1));
    assertInstanceOf(SqlSelect.class, list.get(2));
  }

  @Test void shouldFoldUnquotedIdentifiersToUpperCaseAndKeepQuotedOnes() {
    final SqlSelect select = parse("select abc, \"aBc\", Abc from \"Tab\".col", SqlSelect.class);
    final SqlNodeList items = select.getSelectList();
    assertEquals("ABC", ((SqlIdentifier) items.get(0)).getSimple());
    assertEquals("aBc", ((SqlIdentifier) items.get(1)).getSimple());
    assertEquals("ABC", ((SqlIdentifier) items.get(2)).getSimple());
    assertEquals(List.of("Tab", "COL"), ((SqlIdentifier) select.getFrom()).names);
    assertTrue(PersimmonParserConfig.CONFIG.caseSensitive());
  }

  @Test void shouldLimitIdentifiersTo128Characters() {
    final String ok = "a".repeat(128);
    final SqlCreateTable create = parse("create table " + ok + " (" + ok + " int)",
        SqlCreateTable.class);
    assertEquals(ok.toUpperCase(), create.getName().getSimple());
    final SqlParseException e = assertThrows(SqlParseException.class,
        () -> PersimmonParserConfig.parse("select " + "b".repeat(129) + " from t"));
    assertTrue(e.getMessage().contains("must be less than or equal to 128 characters"),
        e.getMessage());
    assertEquals(1, e.getPos().getLineNum());
    assertEquals(8, e.getPos().getColumnNum());
  }

  @Test void shouldReportSyntaxErrorPosition() {
    final SqlParseException e = assertParseError("select a,\n  from t", "Encountered", 2, 3);
    assertTrue(e.getMessage().startsWith("Encountered \" \"FROM\" \"from \"\" at line 2,"
        + " column 3."), e.getMessage());
    assertParseError("select * from t where", "Encountered \"<EOF>\" at line 1, column 21", 1, 21);
    assertParseError("create table t (a int,, b int)",
        "Encountered \" \",\" \", \"\" at line 1, column 23", 1, 23);
    assertParseError("drop tabel t",
        "Encountered \" <IDENTIFIER> \"tabel \"\" at line 1, column 6", 1, 6);
    // An unterminated string literal: the error points at its opening quote.
    assertParseError("select 'abc from t", "at line 1, column 8", 1, 8);
  }

  @Test void shouldParseFunctionCallsAndCasts() {
    final SqlSelect select = parseRoundTrip("select cast(a as decimal(10, 2)), upper(b),"
        + " substring(c from 1 for 2), coalesce(d, 0), current_timestamp,"
        + " extract(year from e), interval '1' day from t", SqlSelect.class);
    assertEquals(SqlKind.CAST, select.getSelectList().get(0).getKind());
    final SqlCall substring = (SqlCall) select.getSelectList().get(2);
    assertEquals(3, substring.operandCount());
  }
}
