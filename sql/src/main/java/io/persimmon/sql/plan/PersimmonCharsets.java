package io.persimmon.sql.plan;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.util.NlsString;


/**
 * Gives every character literal of a statement the default character set (UTF-8, see
 * {@code PersimmonTypeFactory}). Calcite's parser types {@code U&'...'} literals (and literals with
 * a {@code _charset} introducer) in their own character set, and its validator then refuses to
 * assign them to a column ("Cannot assign to target field ... CHARACTER SET UTF-16LE"); Persimmon
 * stores every string as Unicode, so the character set of a literal carries no meaning here.
 */
final class PersimmonCharsets {
    private PersimmonCharsets() {}

    /** {@code node} with its character literals in the default character set (changed in place where it can be). */
    static SqlNode toDefault(SqlNode node) {
        try {
            return walk(node);
        } catch (UnsupportedOperationException e) {
            return node; // a node that cannot be changed in place: validation reports what it finds
        }
    }

    private static SqlNode walk(SqlNode n) {
        if (n == null) {
            return null;
        }
        if (n instanceof SqlCharStringLiteral s) {
            NlsString value = s.getValueAs(NlsString.class);
            return value.getCharsetName() == null ? s
                    : SqlLiteral.createCharString(value.getValue(), s.getParserPosition());
        }
        if (n instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                list.set(i, walk(list.get(i)));
            }
            return list;
        }
        if (n instanceof SqlOrderBy o) {
            return new SqlOrderBy(o.getParserPosition(), walk(o.query), (SqlNodeList) walk(o.orderList),
                    walk(o.offset), walk(o.fetch));
        }
        if (n instanceof SqlCall c) {
            return SqlCalls.rewriteOperands(c, PersimmonCharsets::walk);
        }
        return n;
    }
}
