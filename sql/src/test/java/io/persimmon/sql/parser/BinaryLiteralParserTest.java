package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlBinaryStringLiteral;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.util.BitString;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binary literals X'...' are made by PersimmonBinaryLiteral (patch (c) of the grammar in sql/pom.xml). */
class BinaryLiteralParserTest {
  private static SqlBinaryStringLiteral literal(String sql) {
    SqlInsert insert = ParserTestSupport.parse(sql, SqlInsert.class);
    SqlBasicCall values = (SqlBasicCall) insert.getSource();
    SqlBasicCall row = (SqlBasicCall) values.operand(0);
    return assertInstanceOf(SqlBinaryStringLiteral.class, row.operand(1));
  }

  @Test
  void shouldKeepTheBytesOfALargeLiteral() {
    byte[] data = new byte[300_000];
    new Random(3).nextBytes(data);
    String hex = HexFormat.of().formatHex(data);
    SqlBinaryStringLiteral l = literal("INSERT INTO b VALUES (1, x'" + hex + "')");
    BitString bits = l.getValueAs(BitString.class);
    // the linear BitString of the patch, not Calcite's (BigInteger, quadratic: minutes for this size)
    assertEquals("io.persimmon.sql.parser.PersimmonBinaryLiteral$Bytes", bits.getClass().getName());
    assertEquals(data.length * 8, bits.getBitCount());
    assertArrayEquals(data, l.getValueAs(byte[].class));
    assertEquals(hex.toUpperCase(), bits.toHexString());
    assertTrue(bits.toBitString().startsWith(Integer.toBinaryString(0x100 | data[0] & 0xff).substring(1)));
    assertTrue(PersimmonParserConfig.toSql(l.clone(l.getParserPosition())).contains(hex.toUpperCase()));
  }

  @Test
  void shouldReadSmallAndOddLiteralsAsCalciteDoes() throws SqlParseException {
    SqlBinaryStringLiteral l = literal("INSERT INTO b VALUES (1, X'00fF10')");
    assertArrayEquals(new byte[] {0, -1, 16}, l.getValueAs(byte[].class));
    assertEquals("00FF10", l.getValueAs(BitString.class).toHexString());
    assertEquals(0, literal("INSERT INTO b VALUES (1, X'')").getValueAs(byte[].class).length);
    // an odd number of hex digits is Calcite's literal (the validator refuses it)
    assertEquals(12, literal("INSERT INTO b VALUES (1, X'abc')").getValueAs(BitString.class).getBitCount());
    assertThrows(SqlParseException.class, () -> PersimmonParserConfig.parse("INSERT INTO b VALUES (1, X'0g')"));
  }
}
