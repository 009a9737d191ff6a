package io.persimmon.jdbc;

import io.persimmon.sql.api.Session;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:persimmon:} URLs ({@link JdbcUrl} describes them). It registers
 * itself with {@link DriverManager} when loaded, which {@code META-INF/services/java.sql.Driver}
 * makes happen on first use. Connections to one pool share one open database in this JVM.
 */
public final class PersimmonDriver implements Driver {
    private static final PersimmonDriver INSTANCE = new PersimmonDriver();
    /** The driver's version, from the build. */
    static final String VERSION = readVersion();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A {@code null} for a URL of another driver, as JDBC asks; an SQLException for a bad Persimmon URL. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!JdbcUrl.accepts(url)) {
            return null;
        }
        return connect(JdbcUrl.parse(url, info), DatabaseRegistry.SHARED);
    }

    static Connection connect(JdbcUrl url, DatabaseRegistry registry) throws SQLException {
        DatabaseRegistry.Lease lease = registry.acquire(url);
        Session session = null;
        try {
            session = Errors.call(() -> lease.sql().openSession());
            return new PersimmonConnection(url, lease, session);
        } catch (SQLException | RuntimeException e) {
            try {
                if (session != null) {
                    session.close();
                }
                lease.close();
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return JdbcUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        JdbcUrl.Option[] options = JdbcUrl.Option.values();
        DriverPropertyInfo[] r = new DriverPropertyInfo[options.length];
        for (int i = 0; i < r.length; i++) {
            JdbcUrl.Option o = options[i];
            String value = info == null ? null : info.getProperty(o.key());
            r[i] = new DriverPropertyInfo(o.key(), value != null ? value : o.defaultValue);
            r[i].description = o.description;
            r[i].choices = switch (o) {
                case CREATE -> new String[] {"true", "false"};
                case MODE -> new String[] {"auto", "dax", "msync", "process"};
                case ISOLATION -> new String[] {"READ_COMMITTED", "REPEATABLE_READ"};
                default -> null;
            };
        }
        return r;
    }

    @Override
    public int getMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getMinorVersion() {
        return versionPart(1);
    }

    static int versionPart(int index) {
        String[] parts = VERSION.split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Not JDBC compliant: there is no SQL-92 entry level conformance yet (and no stored procedures). */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.persimmon");
    }

    /** The URL in short, for messages and toString. */
    static String describe(JdbcUrl url) {
        return JdbcUrl.PREFIX + (url.memory() ? "mem:" : "") + url.target();
    }

    private static String readVersion() {
        try (InputStream in = PersimmonDriver.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            return v.isEmpty() || v.startsWith("$") ? "0.0.0" : v;
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}
