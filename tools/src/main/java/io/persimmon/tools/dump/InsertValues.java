package io.persimmon.tools.dump;

import io.persimmon.sql.parser.PersimmonParserConfig;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.util.BitString;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@code INSERT INTO t (columns) VALUES (...), ...} whose values are all literals (what a dump
 * writes), taken apart into one prepared statement and its rows of values, so that {@code load}
 * runs it as a batch: the SQL layer plans one statement per table instead of one per INSERT (a
 * dump's DATE, TIME and TIMESTAMP literals make every INSERT's text different, and planning 200
 * rows of literals takes seconds). The values are those the literals mean: exact numbers as
 * BigDecimal, approximate ones as Double ({@code CAST('NaN' AS REAL)} as Float), strings (with
 * {@code U&} escapes resolved), bytes, java.time values, TRUE, FALSE, NULL.
 *
 * @param preparedSql the INSERT with a {@code ?} per column
 * @param rows        the values of each row, in column order (null for NULL)
 */
public record InsertValues(String preparedSql, List<Object[]> rows) {
    private static final Object NOT_A_LITERAL = new Object();

    /** The statement taken apart, or null when it is anything else (then it runs as written). */
    public static InsertValues of(String sql) {
        if (!sql.regionMatches(true, 0, "INSERT", 0, 6)) {
            return null;
        }
        SqlNode node;
        try {
            node = PersimmonParserConfig.parse(sql);
        } catch (SqlParseException | RuntimeException e) {
            return null; // running it as written reports the error
        }
        if (!(node instanceof SqlInsert insert) || insert.getTargetColumnList() == null
                || insert.getSource().getKind() != SqlKind.VALUES) {
            return null;
        }
        int columns = insert.getTargetColumnList().size();
        List<Object[]> rows = new ArrayList<>();
        for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
            if (!(row instanceof SqlCall call) || call.getKind() != SqlKind.ROW || call.operandCount() != columns) {
                return null;
            }
            Object[] values = new Object[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = value(call.operand(i));
                if (values[i] == NOT_A_LITERAL) {
                    return null;
                }
            }
            rows.add(values);
        }
        String marks = String.join(", ", Collections.nCopies(columns, "?"));
        return new InsertValues("INSERT INTO " + PersimmonParserConfig.toSql(insert.getTargetTable()) + " ("
                + PersimmonParserConfig.toSql(insert.getTargetColumnList()) + ") VALUES (" + marks + ")", rows);
    }

    private static Object value(SqlNode n) {
        if (n instanceof SqlCall call && call.getKind() == SqlKind.MINUS_PREFIX && call.operand(0) instanceof SqlNumericLiteral) {
            Object v = value(call.operand(0));
            return v instanceof BigDecimal d ? d.negate() : v instanceof Double d ? -d : NOT_A_LITERAL;
        }
        if (n instanceof SqlCall call && call.getKind() == SqlKind.CAST
                && call.operand(0) instanceof SqlCharStringLiteral text
                && call.operand(1) instanceof SqlDataTypeSpec spec && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec) {
            String s = text.getValueAs(String.class);
            return switch (spec.getTypeName().getSimple()) {
                case "REAL" -> Float.parseFloat(s);
                case "DOUBLE" -> Double.parseDouble(s);
                default -> NOT_A_LITERAL;
            };
        }
        if (n instanceof SqlUnknownLiteral typed) { // DATE '...', TIME '...', TIMESTAMP '...' before validation
            String text = typed.getValue();
            return switch (typed.tag) {
                case "DATE" -> LocalDate.parse(text);
                case "TIME" -> LocalTime.parse(text);
                case "TIMESTAMP" -> LocalDateTime.parse(text.replace(' ', 'T'));
                default -> NOT_A_LITERAL;
            };
        }
        if (!(n instanceof SqlLiteral literal)) {
            return NOT_A_LITERAL;
        }
        return switch (literal.getTypeName()) {
            case NULL -> null;
            case BOOLEAN -> literal.booleanValue();
            case DECIMAL, INTEGER, BIGINT, SMALLINT, TINYINT -> literal.getValueAs(BigDecimal.class);
            case DOUBLE, REAL, FLOAT -> Double.parseDouble(literal.getValueAs(BigDecimal.class).toString());
            case CHAR, VARCHAR -> literal.getValueAs(String.class);
            case BINARY, VARBINARY -> literal.getValueAs(BitString.class).getAsByteArray();
            case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
            case TIME -> LocalTime.parse(literal.getValueAs(TimeString.class).toString());
            case TIMESTAMP -> LocalDateTime.parse(literal.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
            default -> NOT_A_LITERAL;
        };
    }
}
