package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer with two-space indentation: objects, arrays, strings, numbers,
 * booleans and null. Non-finite numbers are written as null. Misuse (a value without a name inside an
 * object, unbalanced ends) throws {@link IllegalStateException}.
 */
public final class JsonWriter {

    private enum Scope { OBJECT, ARRAY }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean afterName;
    private boolean done;

    /** Starts an object (as a value). */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push(Scope.OBJECT);
        return this;
    }

    /** Ends the current object. */
    public JsonWriter endObject() {
        return end(Scope.OBJECT, '}');
    }

    /** Starts an array (as a value). */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push(Scope.ARRAY);
        return this;
    }

    /** Ends the current array. */
    public JsonWriter endArray() {
        return end(Scope.ARRAY, ']');
    }

    /** Writes the name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT || afterName) {
            throw new IllegalStateException("name outside an object: " + name);
        }
        separate();
        out.append(quote(name)).append(": ");
        afterName = true;
        return this;
    }

    /** A string value, or null. */
    public JsonWriter value(String value) {
        beforeValue();
        out.append(value == null ? "null" : quote(value));
        return this;
    }

    /** An integer value. */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A number rounded to three decimals, or null when not finite. */
    public JsonWriter value(double value) {
        beforeValue();
        out.append(Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                : "null");
        return this;
    }

    /** A number (see {@link #value(double)}), or null. */
    public JsonWriter value(Double value) {
        return value == null ? nullValue() : value(value.doubleValue());
    }

    /** A boolean, or null. */
    public JsonWriter value(Boolean value) {
        beforeValue();
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    /** null. */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The document; every object and array must be closed. */
    @Override
    public String toString() {
        if (!scopes.isEmpty()) {
            throw new IllegalStateException("unclosed " + scopes.peek());
        }
        return out + "\n";
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private void beforeValue() {
        if (done) {
            throw new IllegalStateException("the document is complete");
        }
        if (scopes.peek() == Scope.OBJECT) {
            if (!afterName) {
                throw new IllegalStateException("value without a name in an object");
            }
            afterName = false;
        } else if (scopes.peek() == Scope.ARRAY) {
            separate();
        }
        if (scopes.isEmpty()) {
            done = true;
        }
    }

    private void separate() {
        if (!empty.peek()) {
            out.append(',');
        }
        empty.pop();
        empty.push(false);
        newline();
    }

    private void push(Scope scope) {
        scopes.push(scope);
        empty.push(true);
        done = false;
    }

    private JsonWriter end(Scope scope, char close) {
        if (scopes.peek() != scope || afterName) {
            throw new IllegalStateException("cannot end " + scope + " here");
        }
        scopes.pop();
        boolean wasEmpty = empty.pop();
        if (!wasEmpty) {
            newline();
        }
        out.append(close);
        done = scopes.isEmpty();
        return this;
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(scopes.size()));
    }
}
