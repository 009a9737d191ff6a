package io.persimmon.jdbc;

import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.pmem.PersistenceMode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:persimmon:} URL: {@code jdbc:persimmon:<path>[;key=value...]} for a pool
 * file, or {@code jdbc:persimmon:mem:<name>[;key=value...]} for a volatile database. The options
 * (see {@link Option}) may also come as connection properties; the URL wins. {@code user} and
 * {@code password} are accepted and ignored (an embedded database has no accounts). Anything
 * else is refused with SQLState 08001 and a message naming it.
 *
 * @param target     the pool file, or the name of a volatile database
 * @param memory     whether this is a volatile {@code mem:} database
 * @param explicit   the options the URL or the properties set, by option (as given, validated)
 */
public record JdbcUrl(String target, boolean memory, Map<Option, String> explicit) {
    /** The prefix every Persimmon URL starts with. */
    public static final String PREFIX = "jdbc:persimmon:";

    /** The options a URL may carry; their names are matched case-insensitively. */
    public enum Option {
        CREATE("create", "true", "create the pool when the file is missing (true or false)"),
        MODE("mode", "auto", "persistence mode: dax, msync, process or auto"),
        MAX_SIZE("maxSize", "68719476736", "bytes the pool may grow to (suffixes k, m, g allowed)"),
        ISOLATION("isolation", "READ_COMMITTED", "default isolation: READ_COMMITTED or REPEATABLE_READ"),
        LOCK_TIMEOUT("lockTimeout", "10000", "milliseconds a writer waits for a row lock");

        final String key;
        final String defaultValue;
        final String description;

        Option(String key, String defaultValue, String description) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        /** The option's name as URLs spell it. */
        public String key() {
            return key;
        }

        static Option find(String key) {
            for (Option o : values()) {
                if (o.key.equalsIgnoreCase(key)) {
                    return o;
                }
            }
            return null;
        }
    }

    public JdbcUrl {
        explicit = Map.copyOf(explicit);
    }

    /** Whether {@code url} is one this driver handles (it may still be malformed). */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Parses {@code url} with the options in {@code info} (which the URL's own options override). */
    public static JdbcUrl parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            throw invalid("not a Persimmon URL (expected " + PREFIX + "<path>[;key=value...]): " + url);
        }
        String rest = url.substring(PREFIX.length());
        String[] parts = rest.split(";", -1);
        String location = parts[0].trim();
        Map<Option, String> options = new LinkedHashMap<>();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                if (name.equalsIgnoreCase("user") || name.equalsIgnoreCase("password")) {
                    continue;
                }
                put(options, name, info.getProperty(name), url, "connection property");
            }
        }
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                if (i == parts.length - 1) {
                    continue; // a trailing ';' is harmless
                }
                throw invalid("empty option (';;') in URL " + url);
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw invalid("option '" + part + "' is not key=value in URL " + url);
            }
            put(options, part.substring(0, eq).trim(), part.substring(eq + 1).trim(), url, "option");
        }
        boolean memory = location.regionMatches(true, 0, "mem:", 0, 4);
        String target = memory ? location.substring(4).trim() : location;
        if (target.isEmpty()) {
            throw invalid((memory ? "no database name" : "no pool path") + " in URL " + url);
        }
        if (memory) {
            if (!target.matches("[A-Za-z0-9_.-]+")) {
                throw invalid("mem: database name '" + target + "' may use only letters, digits, '_', '.' and '-'");
            }
            for (Option o : new Option[] {Option.MODE, Option.CREATE}) {
                if (options.containsKey(o)) {
                    throw invalid("option " + o.key + " does not apply to a mem: database: " + url);
                }
            }
        } else {
            try {
                Path.of(target);
            } catch (InvalidPathException e) {
                throw invalid("pool path '" + target + "' is not a valid path: " + e.getMessage());
            }
        }
        return new JdbcUrl(target, memory, options);
    }

    private static void put(Map<Option, String> options, String key, String value, String url, String what)
            throws SQLException {
        Option option = Option.find(key);
        if (option == null) {
            throw invalid("unknown " + what + " '" + key + "' in " + url + " (known: create, mode, maxSize, "
                    + "isolation, lockTimeout)");
        }
        validate(option, value);
        options.put(option, value);
    }

    private static void validate(Option option, String value) throws SQLException {
        try {
            switch (option) {
                case CREATE -> parseBoolean(value);
                case MODE -> mode(value);
                case MAX_SIZE -> parseSize(value);
                case ISOLATION -> isolation(value);
                case LOCK_TIMEOUT -> parseMillis(value);
            }
        } catch (IllegalArgumentException e) {
            throw invalid("option " + option.key + "=" + value + ": " + e.getMessage());
        }
    }

    /** The value of {@code option}: as set, or its default. */
    String value(Option option) {
        return explicit.getOrDefault(option, option.defaultValue);
    }

    public boolean create() {
        return parseBoolean(value(Option.CREATE));
    }

    public PersistenceMode mode() {
        return memory ? PersistenceMode.PROCESS : mode(value(Option.MODE));
    }

    public long maxSize() {
        return parseSize(value(Option.MAX_SIZE));
    }

    /** The isolation new connections start with. */
    public Isolation isolation() {
        return isolation(value(Option.ISOLATION));
    }

    public Duration lockTimeout() {
        return Duration.ofMillis(parseMillis(value(Option.LOCK_TIMEOUT)));
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static PersistenceMode mode(String value) {
        PersistenceMode m = PersistenceMode.parse(value);
        if (m == PersistenceMode.SIM) {
            throw new IllegalArgumentException("sim is the crash simulator of the tests (expected dax, msync, process or auto)");
        }
        return m;
    }

    private static Isolation isolation(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        return switch (v) {
            case "READ_COMMITTED" -> Isolation.READ_COMMITTED;
            case "REPEATABLE_READ" -> Isolation.REPEATABLE_READ;
            case "SERIALIZABLE" -> throw new IllegalArgumentException(
                    "SERIALIZABLE is not supported: Persimmon's snapshot isolation is REPEATABLE_READ, not serializable");
            default -> throw new IllegalArgumentException("expected READ_COMMITTED or REPEATABLE_READ");
        };
    }

    static long parseSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of bytes, such as 1073741824 or 1g");
        }
        if (n <= 0 || n > Long.MAX_VALUE / unit) {
            throw new IllegalArgumentException("expected a positive size");
        }
        return n * unit;
    }

    private static long parseMillis(String value) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected milliseconds, such as 10000");
        }
        if (n < 0) {
            throw new IllegalArgumentException("expected a non-negative number of milliseconds");
        }
        return n;
    }

    private static SQLException invalid(String message) {
        return new SQLNonTransientConnectionException(message, "08001");
    }
}
