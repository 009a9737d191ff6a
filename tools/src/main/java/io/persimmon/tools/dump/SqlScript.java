package io.persimmon.tools.dump;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a SQL script into statements at each {@code ;} outside a string ({@code '...'}, with
 * {@code ''} inside), a quoted identifier ({@code "..."}) and a comment ({@code -- ...} to the end
 * of the line, {@code /* ... *}{@code /}). A statement is reported with the line it starts on;
 * comments before it and blank text between statements are dropped. Reads the script as a stream:
 * a dump of any size needs the memory of one statement.
 */
public final class SqlScript {
    /** One statement: its number (from 1), the line it starts on (from 1) and its text without the {@code ;}. */
    public record Statement(long number, long line, String sql) {}

    /** A script that ends inside a string, identifier or comment. */
    public static final class Unterminated extends IOException {
        Unterminated(String message) {
            super(message);
        }
    }

    private SqlScript() {}

    /** Calls {@code each} with every statement of {@code in}, in order. */
    public static void read(Reader in, StatementConsumer each) throws IOException, java.sql.SQLException {
        StringBuilder sql = new StringBuilder();
        long line = 1;
        long start = 0;
        long number = 0;
        char state = ' '; // ' ' code, '\'' string, '"' identifier, '-' line comment, '*' block comment
        long stateLine = 0;
        int previous = -1;
        for (int c = in.read(); c >= 0; previous = c, c = in.read()) {
            switch (state) {
                case ' ' -> {
                    if (c == ';') {
                        if (!sql.toString().isBlank()) {
                            each.accept(new Statement(++number, start, sql.toString().strip()));
                        }
                        sql.setLength(0);
                        start = 0;
                        break;
                    }
                    if (c == '-' && previous == '-') {
                        sql.setLength(sql.length() - 1);
                        state = '-';
                        break;
                    }
                    if (c == '*' && previous == '/') {
                        sql.setLength(sql.length() - 1);
                        state = '*';
                        stateLine = line;
                        c = -2; // a '/' that ends this comment must not be this one
                        break;
                    }
                    if (c == '\'' || c == '"') {
                        state = (char) c;
                        stateLine = line;
                    }
                    if (start == 0 && !Character.isWhitespace(c) && c != '-' && c != '/') {
                        start = line;
                    }
                    sql.append((char) c);
                }
                case '\'', '"' -> {
                    sql.append((char) c);
                    if (c == state) {
                        state = ' '; // a doubled quote re-enters on the next character
                        c = -2;
                    }
                }
                case '-' -> {
                    if (c == '\n') {
                        state = ' ';
                        sql.append('\n');
                    }
                }
                case '*' -> {
                    if (c == '/' && previous == '*') {
                        state = ' ';
                        sql.append(' ');
                        c = -2;
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
            if (c == '\n') {
                line++;
            }
        }
        switch (state) {
            case '\'' -> throw new Unterminated("the script ends inside a string that begins on line " + stateLine);
            case '"' -> throw new Unterminated("the script ends inside a quoted name that begins on line " + stateLine);
            case '*' -> throw new Unterminated("the script ends inside a comment that begins on line " + stateLine);
            default -> { }
        }
        if (!sql.toString().isBlank()) {
            each.accept(new Statement(++number, start == 0 ? line : start, sql.toString().strip()));
        }
    }

    /** Receives statements; may fail with the SQL error of running one. */
    @FunctionalInterface
    public interface StatementConsumer {
        void accept(Statement statement) throws java.sql.SQLException, IOException;
    }
}
