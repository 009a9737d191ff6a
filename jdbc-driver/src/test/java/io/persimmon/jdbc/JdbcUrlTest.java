package io.persimmon.jdbc;

import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.pmem.PersistenceMode;
import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

class JdbcUrlTest {
    @Test
    void shouldParseAPathWithOptions() throws SQLException {
        JdbcUrl url = JdbcUrl.parse("jdbc:persimmon:/data/shop.pool;create=false;mode=msync;maxSize=2g;"
                + "isolation=repeatable_read;lockTimeout=250", null);
        assertEquals("/data/shop.pool", url.target());
        assertFalse(url.memory());
        assertFalse(url.create());
        assertEquals(PersistenceMode.MSYNC, url.mode());
        assertEquals(2L << 30, url.maxSize());
        assertEquals(Isolation.REPEATABLE_READ, url.isolation());
        assertEquals(Duration.ofMillis(250), url.lockTimeout());
    }

    @Test
    void shouldUseDefaultsWhenNoOptionIsGiven() throws SQLException {
        JdbcUrl url = JdbcUrl.parse("jdbc:persimmon:shop.pool", new Properties());
        assertTrue(url.create());
        assertEquals(PersistenceMode.AUTO, url.mode());
        assertEquals(Isolation.READ_COMMITTED, url.isolation());
        assertEquals(Duration.ofSeconds(10), url.lockTimeout());
        assertTrue(url.explicit().isEmpty());
    }

    @Test
    void shouldParseAMemoryDatabaseInProcessMode() throws SQLException {
        JdbcUrl url = JdbcUrl.parse("jdbc:persimmon:mem:test_1;lockTimeout=5", null);
        assertTrue(url.memory());
        assertEquals("test_1", url.target());
        assertEquals(PersistenceMode.PROCESS, url.mode());
    }

    @Test
    void shouldMatchOptionNamesCaseInsensitivelyAndAcceptATrailingSemicolon() throws SQLException {
        JdbcUrl url = JdbcUrl.parse("jdbc:persimmon:a.pool;MODE=process;LOCKTIMEOUT=7;", null);
        assertEquals(PersistenceMode.PROCESS, url.mode());
        assertEquals(Duration.ofMillis(7), url.lockTimeout());
    }

    @Test
    void shouldTakeOptionsFromPropertiesWithTheUrlWinning() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty("lockTimeout", "100");
        p.setProperty("isolation", "REPEATABLE_READ");
        JdbcUrl url = JdbcUrl.parse("jdbc:persimmon:a.pool;lockTimeout=200", p);
        assertEquals(Duration.ofMillis(200), url.lockTimeout());
        assertEquals(Isolation.REPEATABLE_READ, url.isolation());
    }

    @Test
    void shouldNameAnUnknownOption() {
        SQLException e = assertThrows(SQLException.class, () -> JdbcUrl.parse("jdbc:persimmon:a.pool;cache=1", null));
        assertTrue(e.getMessage().contains("'cache'"), e.getMessage());
        assertEquals("08001", e.getSQLState());
        Properties p = new Properties();
        p.setProperty("colour", "red");
        e = assertThrows(SQLException.class, () -> JdbcUrl.parse("jdbc:persimmon:a.pool", p));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
    }

    @Test
    void shouldNameWhatIsMalformed() {
        assertMessage("jdbc:persimmon:a.pool;create", "'create' is not key=value");
        assertMessage("jdbc:persimmon:a.pool;;mode=auto", "empty option");
        assertMessage("jdbc:persimmon:", "no pool path");
        assertMessage("jdbc:persimmon:mem:", "no database name");
        assertMessage("jdbc:persimmon:mem:a/b", "mem: database name 'a/b'");
        assertMessage("jdbc:persimmon:mem:a;mode=dax", "mode does not apply");
        assertMessage("jdbc:persimmon:a.pool;mode=fast", "mode=fast");
        assertMessage("jdbc:persimmon:a.pool;mode=sim", "crash simulator");
        assertMessage("jdbc:persimmon:a.pool;create=yes", "create=yes");
        assertMessage("jdbc:persimmon:a.pool;maxSize=-1", "maxSize=-1");
        assertMessage("jdbc:persimmon:a.pool;maxSize=lots", "maxSize=lots");
        assertMessage("jdbc:persimmon:a.pool;lockTimeout=soon", "lockTimeout=soon");
        assertMessage("jdbc:persimmon:a.pool;isolation=SERIALIZABLE", "SERIALIZABLE is not supported");
        assertMessage("jdbc:persimmon:a.pool;isolation=dirty", "isolation=dirty");
        assertMessage("jdbc:h2:mem:x", "not a Persimmon URL");
    }

    private static void assertMessage(String url, String part) {
        SQLException e = assertThrows(SQLException.class, () -> JdbcUrl.parse(url, null), url);
        assertTrue(e.getMessage().contains(part), url + ": " + e.getMessage());
    }

    @Test
    void shouldBeFoundByDriverManagerThroughItsServiceFile() throws SQLException {
        Driver d = DriverManager.getDriver("jdbc:persimmon:mem:x");
        assertInstanceOf(PersimmonDriver.class, d);
        assertTrue(d.acceptsURL("JDBC:PERSIMMON:x.pool"));
        assertFalse(d.acceptsURL("jdbc:h2:mem:x"));
        assertNull(d.connect("jdbc:h2:mem:x", new Properties()), "another driver's URL is not ours");
        assertEquals(JdbcUrl.Option.values().length, d.getPropertyInfo("jdbc:persimmon:x", null).length);
    }

    @Test
    void shouldRefuseABadUrlThroughTheDriver() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:persimmon:x.pool;nonsense=1"));
        assertTrue(e.getMessage().contains("'nonsense'"), e.getMessage());
    }
}
