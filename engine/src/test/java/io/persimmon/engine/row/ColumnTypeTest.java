package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.*;

/** Column types: their SQL form and the validation of their parameters. */
class ColumnTypeTest {
    @Test
    void shouldPrintTypesInSqlForm() {
        assertEquals("DECIMAL(12,2)", ColumnType.decimal(12, 2).toString());
        assertEquals("VARCHAR(16)", ColumnType.varchar(16).toString());
        assertEquals("CHAR(3)", ColumnType.character(3).toString());
        assertEquals("VARBINARY(8)", ColumnType.varbinary(8).toString());
        assertEquals("TIMESTAMP(6)", ColumnType.timestamp(6).toString());
        assertEquals("TIME(0)", ColumnType.time(0).toString());
        assertEquals("INTEGER", ColumnType.INTEGER.toString());
        assertEquals("DATE", ColumnType.of(SqlType.DATE).toString());
        assertEquals("C_LAST VARCHAR(16) NOT NULL", Column.notNull("C_LAST", ColumnType.varchar(16)).toString());
        assertEquals("C_DATA VARCHAR(500)", Column.nullable("C_DATA", ColumnType.varchar(500)).toString());
    }

    @Test
    void shouldAcceptTheLimitsOfEachParameter() {
        assertDoesNotThrow(() -> ColumnType.decimal(1, 0));
        assertDoesNotThrow(() -> ColumnType.decimal(38, 38));
        assertDoesNotThrow(() -> ColumnType.varchar(ColumnType.MAX_LENGTH));
        assertDoesNotThrow(() -> ColumnType.timestamp(0));
    }

    @Test
    void shouldRefuseParametersOutOfTheirRange() {
        assertInvalid(() -> ColumnType.decimal(39, 0), "precision must be 1..38");
        assertInvalid(() -> ColumnType.decimal(0, 0), "precision must be 1..38");
        assertInvalid(() -> ColumnType.decimal(5, 6), "scale must be 0..5");
        assertInvalid(() -> ColumnType.decimal(5, -1), "scale must be 0..5");
        assertInvalid(() -> ColumnType.varchar(0), "length must be 1..");
        assertInvalid(() -> ColumnType.varbinary(ColumnType.MAX_LENGTH + 1), "length must be 1..");
        assertInvalid(() -> ColumnType.time(7), "precision must be 0..6");
        assertInvalid(() -> ColumnType.timestamp(-1), "precision must be 0..6");
        assertInvalid(() -> new ColumnType(SqlType.INTEGER, 4, 0, 0), "takes no such parameter");
        assertInvalid(() -> new ColumnType(SqlType.VARCHAR, 4, 2, 0), "takes no such parameter");
        assertInvalid(() -> ColumnType.of(SqlType.DECIMAL), "precision must be");
        assertInvalid(() -> new ColumnType(null, 0, 0, 0), "needs a SqlType");
        assertInvalid(() -> new Column("", ColumnType.INTEGER, true), "needs a name");
    }

    private static void assertInvalid(Executable executable, String expected) {
        PersimmonException e = assertThrows(PersimmonException.class, executable);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
