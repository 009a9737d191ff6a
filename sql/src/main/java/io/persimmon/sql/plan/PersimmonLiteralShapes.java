package io.persimmon.sql.plan;

import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parameterized form of a statement with literals, found without parsing it: once one text
 * of a {@linkplain SqlLiteralScan#shape shape} has been parsed and parameterized
 * ({@link PersimmonLiterals}), every text of that shape is a lexical scan and a map lookup away
 * from the same parameterized text, with its own literals as values. A statement sent with new
 * literals each time (an application that does not prepare) thereby skips Calcite's parser,
 * which costs tens of microseconds a statement.
 *
 * <p>What a shape records is checked against the parse when it is learned: each literal that
 * became a parameter must be exactly one literal token of the scan, with the value the scan
 * reads from it; otherwise the shape is not recorded and its texts are parsed as before. Tokens
 * that stayed as written (the select list, IN lists, LIMIT, typed literals such as
 * {@code DATE '...'}, numbers inside identifiers the scan took for literals) are recorded with
 * their text, and a text whose token there differs is parsed. Texts of one shape differ only in
 * literal tokens of the same forms, which the parser reads as the same token kinds, so they
 * parse to the same tree with other literal values: the recorded parameterized text is theirs.
 *
 * <p>Shared by every session; shapes do not depend on the schema. When full, it starts over.
 */
public final class PersimmonLiteralShapes {
    /** What one shape turns into: the parameterized text, and per literal token its parameter or its text. */
    private record Shape(String parameterized, int[] parameterOf, String[] asWritten) {}

    private final ConcurrentHashMap<String, Shape> shapes = new ConcurrentHashMap<>();
    private final int capacity;

    public PersimmonLiteralShapes(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The parameterized form of {@code sql} from a shape learned before, with {@code sql}'s
     * literals; null when its shape is unknown, or the scan cannot vouch for it, or a token kept
     * as written differs.
     */
    public PersimmonLiterals.Parameterized match(String sql) {
        SqlLiteralScan scan = SqlLiteralScan.of(sql);
        Shape shape = scan == null ? null : shapes.get(scan.shape());
        if (shape == null) {
            return null;
        }
        SqlLiteral[] literals = new SqlLiteral[scan.count()];
        int parameters = 0;
        for (int i = 0; i < scan.count(); i++) {
            int p = shape.parameterOf[i];
            if (p < 0) {
                String written = shape.asWritten[i];
                int length = scan.end(i) - scan.start(i);
                if (length != written.length() || !sql.regionMatches(scan.start(i), written, 0, length)) {
                    return null;
                }
            } else {
                literals[p] = literal(sql, scan, i);
                parameters++;
            }
        }
        return new PersimmonLiterals.Parameterized(shape.parameterized, Arrays.asList(literals).subList(0, parameters));
    }

    /**
     * Records the shape of {@code sql}, which parsing and parameterizing turned into {@code p},
     * if the scan's literal tokens account exactly for {@code p}'s literals (see the class comment).
     */
    public void learn(String sql, PersimmonLiterals.Parameterized p) {
        SqlLiteralScan scan = SqlLiteralScan.of(sql);
        if (scan == null) {
            return;
        }
        int[] parameterOf = new int[scan.count()];
        Arrays.fill(parameterOf, -1);
        int[] lineStarts = lineStarts(sql);
        List<SqlLiteral> literals = p.literals();
        for (int k = 0; k < literals.size(); k++) {
            SqlLiteral literal = literals.get(k);
            int token = token(scan, lineStarts, literal.getParserPosition());
            if (token < 0 || parameterOf[token] >= 0
                    || !literal(sql, scan, token).equalsDeep(literal, Litmus.IGNORE)
                    || !(literal instanceof SqlNumericLiteral || literal instanceof SqlCharStringLiteral)) {
                return;
            }
            parameterOf[token] = k;
        }
        String[] asWritten = new String[scan.count()];
        for (int i = 0; i < scan.count(); i++) {
            if (parameterOf[i] < 0) {
                asWritten[i] = sql.substring(scan.start(i), scan.end(i));
            }
        }
        if (shapes.size() >= capacity) {
            shapes.clear();
        }
        shapes.put(scan.shape(), new Shape(p.sql(), parameterOf, asWritten));
    }

    /** Shapes known. */
    public int size() {
        return shapes.size();
    }

    /** Literal token {@code i} of {@code sql} as the parser makes it. */
    private static SqlLiteral literal(String sql, SqlLiteralScan scan, int i) {
        String text = sql.substring(scan.start(i), scan.end(i));
        return switch (scan.form(i)) {
            case SqlLiteralScan.STRING -> SqlLiteral.createCharString(
                    SqlLiteralScan.stringValue(sql, scan.start(i), scan.end(i)), SqlParserPos.ZERO);
            case SqlLiteralScan.APPROXIMATE -> SqlLiteral.createApproxNumeric(text, SqlParserPos.ZERO);
            default -> SqlLiteral.createExactNumeric(text, SqlParserPos.ZERO);
        };
    }

    /** The literal token that spans exactly what {@code pos} spans, or -1. */
    private static int token(SqlLiteralScan scan, int[] lineStarts, SqlParserPos pos) {
        if (pos.getLineNum() < 1 || pos.getLineNum() > lineStarts.length
                || pos.getEndLineNum() < 1 || pos.getEndLineNum() > lineStarts.length) {
            return -1;
        }
        int start = lineStarts[pos.getLineNum() - 1] + pos.getColumnNum() - 1;
        int end = lineStarts[pos.getEndLineNum() - 1] + pos.getEndColumnNum(); // the parser's end column is inclusive
        for (int i = 0; i < scan.count(); i++) {
            if (scan.start(i) == start) {
                return scan.end(i) == end ? i : -1;
            }
        }
        return -1;
    }

    /** Where each line of {@code sql} begins, lines ending as the parser counts them (\n, \r\n or \r). */
    private static int[] lineStarts(String sql) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
