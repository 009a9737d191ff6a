package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;

/**
 * The Java representation of SQL values, and {@link #conform}, which turns a value the SQL layer
 * hands over into the value stored for a column, or refuses it.
 *
 * <p>Exactly one Java class per type; {@code null} is SQL NULL:
 * <table>
 * <caption>Java representation of each SQL type</caption>
 * <tr><th>SQL type</th><th>Java class</th><th>meaning</th></tr>
 * <tr><td>BOOLEAN</td><td>Boolean</td><td></td></tr>
 * <tr><td>SMALLINT</td><td>Short</td><td></td></tr>
 * <tr><td>INTEGER</td><td>Integer</td><td></td></tr>
 * <tr><td>BIGINT</td><td>Long</td><td></td></tr>
 * <tr><td>DECIMAL(p,s)</td><td>BigDecimal</td><td>scale exactly s, at most p digits</td></tr>
 * <tr><td>REAL</td><td>Float</td><td>NaN, infinities and -0.0 allowed</td></tr>
 * <tr><td>DOUBLE</td><td>Double</td><td>NaN, infinities and -0.0 allowed</td></tr>
 * <tr><td>CHAR(n)</td><td>String</td><td>exactly n characters (code points), padded with spaces</td></tr>
 * <tr><td>VARCHAR(n)</td><td>String</td><td>at most n characters (code points), valid UTF-16</td></tr>
 * <tr><td>VARBINARY(n)</td><td>byte[]</td><td>at most n bytes (not copied)</td></tr>
 * <tr><td>DATE</td><td>Integer</td><td>days since 1970-01-01</td></tr>
 * <tr><td>TIME(p)</td><td>Long</td><td>microseconds since midnight, [0, 86 400 000 000)</td></tr>
 * <tr><td>TIMESTAMP(p)</td><td>Long</td><td>microseconds since 1970-01-01T00:00, no time zone</td></tr>
 * </table>
 *
 * <p>Assignment rules applied by {@link #conform} (as in the SQL standard, PostgreSQL and H2):
 * <ul>
 * <li>NULL into a NOT NULL column: {@link ErrorCode#NOT_NULL_VIOLATION}.</li>
 * <li>SMALLINT, INTEGER, BIGINT take any Byte, Short, Integer, Long, BigInteger, BigDecimal,
 *     Float or Double; a fractional part is rounded half up (away from zero); a value outside the
 *     type's range, NaN or an infinity is {@link ErrorCode#NUMERIC_OUT_OF_RANGE}.</li>
 * <li>DECIMAL(p,s) takes the same numbers (a Float or Double by its shortest decimal string, as
 *     {@code BigDecimal.valueOf} does), rounds half up to scale s, never truncating silently, and
 *     refuses more than p&minus;s integer digits, NaN and infinities: {@code NUMERIC_OUT_OF_RANGE}.</li>
 * <li>REAL and DOUBLE take the same numbers, rounded to nearest; a finite value too large for
 *     REAL is {@code NUMERIC_OUT_OF_RANGE}; NaN and infinities are stored as given.</li>
 * <li>CHAR(n) and VARCHAR(n) take a String of valid UTF-16 (no lone surrogate). One longer than n
 *     characters is cut to n when everything past n is spaces, else it is
 *     {@link ErrorCode#STRING_TOO_LONG}. CHAR(n) is then padded with spaces to n characters.</li>
 * <li>VARBINARY(n) takes a byte[] of at most n bytes, else {@code STRING_TOO_LONG}.</li>
 * <li>DATE takes an Integer; TIME and TIMESTAMP a Long, rounded half up (towards the later
 *     instant) to the column's fractional seconds; a TIME that would round to midnight becomes the
 *     last representable instant of the day, as H2 does.</li>
 * <li>Any other Java class is {@link ErrorCode#INVALID_VALUE}.</li>
 * </ul>
 * Every refusal is a {@code PersimmonException} whose message names the table, the column, its
 * type (and so the constraint) and the value.
 */
public final class Values {
    private Values() {}

    /**
     * The value to store in {@code column} of {@code table} for {@code value}: the canonical
     * representation above, after the assignment rules; {@code null} for NULL in a nullable column.
     *
     * @throws io.persimmon.engine.PersimmonException if the value breaks a rule
     */
    public static Object conform(Column column, Object value, String table) {
        AssignmentTarget target = new AssignmentTarget(table, column);
        if (value == null) {
            if (!column.nullable()) {
                throw target.fail(ErrorCode.NOT_NULL_VIOLATION, "NULL not allowed", null);
            }
            return null;
        }
        ColumnType type = column.type();
        return switch (type.type()) {
            case BOOLEAN -> target.require(Boolean.class, value);
            case SMALLINT, INTEGER, BIGINT -> NumericAssignment.toInteger(target, value);
            case DECIMAL -> NumericAssignment.toDecimal(target, value);
            case REAL, DOUBLE -> NumericAssignment.toFloatingPoint(target, value);
            case CHAR, VARCHAR -> TextAssignment.toCharacter(target, value);
            case VARBINARY -> TextAssignment.toBinary(target, value);
            case DATE -> target.require(Integer.class, value);
            case TIME, TIMESTAMP -> TemporalAssignment.toTime(target, value);
        };
    }
}
