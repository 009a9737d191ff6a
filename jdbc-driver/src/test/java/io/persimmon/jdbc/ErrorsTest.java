package io.persimmon.jdbc;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;

import static org.junit.jupiter.api.Assertions.*;

class ErrorsTest {
    @Test
    void shouldMapEveryEngineErrorToAFiveCharacterSqlState() {
        for (ErrorCode code : ErrorCode.values()) {
            String state = Errors.sqlState(code);
            assertEquals(5, state.length(), code.name());
            assertEquals(0, Errors.of(new PersimmonException(code, "x")).getErrorCode(), code.name());
        }
    }

    @Test
    void shouldMakeConflictsRetryableWithVendorCodeZero() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.SERIALIZATION_FAILURE, ErrorCode.DEADLOCK}) {
            SQLException e = Errors.of(new PersimmonException(code, "conflict"));
            assertInstanceOf(SQLTransactionRollbackException.class, e);
            assertEquals("40001", e.getSQLState());
            assertEquals(0, e.getErrorCode());
        }
    }

    @Test
    void shouldGiveEachClassOfStateItsSubclass() {
        assertInstanceOf(SQLNonTransientConnectionException.class,
                Errors.of(new PersimmonException(ErrorCode.LOCKED_BY_OTHER_PROCESS, "x")));
        assertInstanceOf(SQLIntegrityConstraintViolationException.class,
                Errors.of(new PersimmonException(ErrorCode.UNIQUE_VIOLATION, "x")));
    }

    @Test
    void shouldResetTheVendorCodeOfA40001FromTheSqlLayer() {
        SQLException fromSql = new SQLException("could not serialize", "40001", 1234);
        SQLException passed = Errors.passOn(fromSql);
        assertEquals("40001", passed.getSQLState());
        assertEquals(0, passed.getErrorCode());
        assertSame(fromSql, passed.getCause());
        SQLException plain = Errors.passOn(new SQLException("could not serialize", "40001"));
        assertInstanceOf(SQLTransactionRollbackException.class, plain, "a plain 40001 becomes a rollback exception");
        SQLException other = new SQLException("duplicate", "23505", 77);
        assertSame(other, Errors.passOn(other), "other states pass unchanged");
    }
}
