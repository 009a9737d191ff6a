package io.persimmon.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** A command's database argument: a {@code jdbc:persimmon:} URL, or a pool path made into one. */
final class Targets {
    private Targets() {}

    /** A URL that is not Persimmon's, or a pool that must exist and does not. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * The URL of {@code target}. A path becomes {@code jdbc:persimmon:<absolute path>}; when
     * {@code mustExist}, a missing pool file is refused (and the URL says {@code create=false}).
     */
    static String url(String target, boolean mustExist) throws Unusable {
        if (target.startsWith("jdbc:")) {
            if (!target.startsWith("jdbc:persimmon:")) {
                throw new Unusable("not a Persimmon URL: " + target + " (expected jdbc:persimmon:<path>)");
            }
            return target;
        }
        Path pool = Path.of(target).toAbsolutePath();
        if (mustExist && !Files.isRegularFile(pool)) {
            throw new Unusable("no pool at " + pool);
        }
        return "jdbc:persimmon:" + pool + (mustExist ? ";create=false" : "");
    }

    /** The first line of an SQL error with its SQLState: what a command prints instead of a stack trace. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return (e.getSQLState() == null ? "" : e.getSQLState() + ": ")
                + (newline < 0 ? message : message.substring(0, newline).strip());
    }
}
