package io.persimmon.sql.parser;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.persimmon.sql.parser.ParserTestSupport.assertParseError;
import static io.persimmon.sql.parser.ParserTestSupport.parseRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every column type CREATE TABLE accepts, its precision limits, and the types it refuses. */
class ColumnTypeParserTest {

  private static SqlDataTypeSpec typeOf(String type) {
    final SqlCreateTable create =
        parseRoundTrip("create table t (c " + type + ")", SqlCreateTable.class);
    return create.getColumns().get(0).getType();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // written type; type name; precision; scale; unparsed
      "boolean; BOOLEAN; -1; -2147483648; BOOLEAN",
      "smallint; SMALLINT; -1; -2147483648; SMALLINT",
      "integer; INTEGER; -1; -2147483648; INTEGER",
      "int; INTEGER; -1; -2147483648; INTEGER",
      "bigint; BIGINT; -1; -2147483648; BIGINT",
      "decimal; DECIMAL; -1; -2147483648; DECIMAL",
      "decimal(10); DECIMAL; 10; -2147483648; DECIMAL(10)",
      "decimal(12, 2); DECIMAL; 12; 2; DECIMAL(12, 2)",
      "numeric(38, 38); DECIMAL; 38; 38; DECIMAL(38, 38)",
      "numeric(1); DECIMAL; 1; -2147483648; DECIMAL(1)",
      "real; REAL; -1; -2147483648; REAL",
      "float; FLOAT; -1; -2147483648; FLOAT",
      "double; DOUBLE; -1; -2147483648; DOUBLE",
      "double precision; DOUBLE; -1; -2147483648; DOUBLE",
      "char(1); CHAR; 1; -2147483648; CHAR(1)",
      "character(16); CHAR; 16; -2147483648; CHAR(16)",
      "varchar(500); VARCHAR; 500; -2147483648; VARCHAR(500)",
      "character varying(24); VARCHAR; 24; -2147483648; VARCHAR(24)",
      "varchar; VARCHAR; -1; -2147483648; VARCHAR",
      "varbinary(16); VARBINARY; 16; -2147483648; VARBINARY(16)",
      "binary varying(8); VARBINARY; 8; -2147483648; VARBINARY(8)",
      "date; DATE; -1; -2147483648; DATE",
      "time; TIME; -1; -2147483648; TIME",
      "timestamp; TIMESTAMP; -1; -2147483648; TIMESTAMP",
      "timestamp(0); TIMESTAMP; 0; -2147483648; TIMESTAMP(0)",
      "timestamp(3); TIMESTAMP; 3; -2147483648; TIMESTAMP(3)",
      "timestamp(6); TIMESTAMP; 6; -2147483648; TIMESTAMP(6)",
  })
  void shouldParseEveryColumnType(String written, SqlTypeName typeName, int precision,
      int scale, String unparsed) {
    final SqlDataTypeSpec type = typeOf(written);
    final SqlBasicTypeNameSpec spec = (SqlBasicTypeNameSpec) type.getTypeNameSpec();
    assertEquals(typeName, SqlTypeName.get(spec.getTypeName().getSimple()));
    assertEquals(precision, spec.getPrecision());
    assertEquals(scale, spec.getScale());
    assertEquals("CREATE TABLE \"T\" (\"C\" " + unparsed + ")",
        PersimmonParserConfig.toSql(
            ParserTestSupport.parse("create table t (c " + written + ")")).replace("\n", " "));
  }

  @Test void shouldUseCalciteNotSpecifiedConstants() {
    // The CSV above writes them as numbers: make sure they are the constants an executor tests.
    assertEquals(RelDataType.PRECISION_NOT_SPECIFIED, -1);
    assertEquals(RelDataType.SCALE_NOT_SPECIFIED, Integer.MIN_VALUE);
  }

  @Test void shouldRejectDecimalPrecisionAbove38() {
    assertParseError("create table t (a int, b decimal(39, 2))",
        "DECIMAL precision must be between 1 and 38, not 39", 1, 26);
  }

  @Test void shouldRejectDecimalScaleAbovePrecision() {
    assertParseError("create table t (b numeric(5, 6))",
        "DECIMAL scale must be between 0 and the precision 5, not 6", 1, 19);
  }

  @Test void shouldRejectTimestampPrecisionAbove6() {
    assertParseError("create table t (\n  ts timestamp(7))",
        "TIMESTAMP precision must be between 0 and 6, not 7", 2, 6);
  }

  @Test void shouldRejectZeroLengthVarchar() {
    assertParseError("create table t (s varchar(0))",
        "The length of VARCHAR must be at least 1, not 0", 1, 19);
  }

  @Test void shouldRejectCharacterSet() {
    assertParseError("create table t (s varchar(5) character set utf8)",
        "CHARACTER SET is not supported", 1, 19);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tinyint", "binary(4)", "int array", "int multiset", "geometry",
      "timestamp with local time zone", "time with time zone", "my_type", "uuid",
      "variant"})
  void shouldRejectUnsupportedTypes(String type) {
    assertParseError("create table t (c " + type + ")", "supported", 1, 19);
  }

  @Test void shouldCheckTypeInAlterTableToo() {
    assertParseError("alter table t add column c decimal(40)",
        "DECIMAL precision must be between 1 and 38, not 40", 1, 28);
  }
}
