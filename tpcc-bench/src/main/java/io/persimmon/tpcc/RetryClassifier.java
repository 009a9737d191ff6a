package io.persimmon.tpcc;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a failed transaction may be retried (serialization failure, deadlock, lock timeout,
 * busy database) and names the reason for the report. Anything else is an error.
 */
@FunctionalInterface
public interface RetryClassifier {

    /** The reason to retry, or empty when the failure is a real error. */
    Optional<String> retryReason(SQLException failure);

    /** SQLState class 40 (transaction rollback): 40001 serialization failure, 40P01 deadlock, ... */
    RetryClassifier STANDARD = failure -> {
        for (SQLException e : chain(failure)) {
            String state = e.getSQLState();
            if (state != null && state.startsWith("40")) {
                return Optional.of(switch (state) {
                    case "40001" -> "serialization failure or deadlock (40001)";
                    case "40P01" -> "deadlock (40P01)";
                    default -> "transaction rollback (" + state + ")";
                });
            }
        }
        return Optional.empty();
    };

    /** H2: class 40, plus lock timeout (50200, HYT00) and concurrent update (90131). */
    RetryClassifier H2 = failure -> {
        for (SQLException e : chain(failure)) {
            switch (e.getErrorCode()) {
                case 50200:
                    return Optional.of("lock timeout (H2 50200)");
                case 40001:
                    return Optional.of("deadlock (H2 40001)");
                case 90131:
                    return Optional.of("concurrent update (H2 90131)");
                default:
                    break;
            }
        }
        return STANDARD.retryReason(failure);
    };

    /** SQLite (xerial): SQLITE_BUSY and SQLITE_LOCKED, including their extended codes. */
    RetryClassifier SQLITE = failure -> {
        for (SQLException e : chain(failure)) {
            int code = e.getErrorCode();
            if (code == 517) {
                return Optional.of("SQLITE_BUSY_SNAPSHOT");
            }
            if ((code & 0xff) == 5) {
                return Optional.of("SQLITE_BUSY");
            }
            if ((code & 0xff) == 6) {
                return Optional.of("SQLITE_LOCKED");
            }
        }
        return STANDARD.retryReason(failure);
    };

    /** The exception, its chained "next" exceptions and its SQLException causes. */
    static Iterable<SQLException> chain(SQLException failure) {
        List<SQLException> all = new ArrayList<>();
        ArrayDeque<SQLException> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty() && all.size() < 16) {
            SQLException e = todo.poll();
            if (all.contains(e)) {
                continue;
            }
            all.add(e);
            if (e.getNextException() != null) {
                todo.add(e.getNextException());
            }
            if (e.getCause() instanceof SQLException cause) {
                todo.add(cause);
            }
        }
        return all;
    }
}
