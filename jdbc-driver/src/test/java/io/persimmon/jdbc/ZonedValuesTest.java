package io.persimmon.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Instants and zoned values, which JPA providers and java.time-minded applications bind and
 * read, against TIMESTAMP (no zone): taken and given as the date and time they show in the JVM's
 * default zone, as a {@link Timestamp} is.
 */
class ZonedValuesTest {
    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:persimmon:" + dir.resolve("z.pool") + ";mode=process");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE event (id INT PRIMARY KEY, happened TIMESTAMP(3), tag VARCHAR(36))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void shouldBindAndReadInstantsAndZonedValuesAsTimestampsDo() throws SQLException {
        Instant instant = Instant.parse("2024-02-29T13:14:15.123Z");
        LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
        UUID tag = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO event VALUES (?, ?, ?)")) {
            p.setInt(1, 1);
            p.setObject(2, instant);
            p.setObject(3, tag);
            p.executeUpdate();
            p.setInt(1, 2);
            p.setObject(2, instant.atOffset(ZoneOffset.ofHours(5)));
            p.setNull(3, java.sql.Types.VARCHAR);
            p.executeUpdate();
            p.setInt(1, 3);
            p.setObject(2, instant.atZone(ZoneId.of("America/New_York")));
            p.executeUpdate();
            p.setInt(1, 4);
            p.setTimestamp(2, Timestamp.from(instant));
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, happened, tag FROM event ORDER BY id")) {
            for (int id = 1; id <= 4; id++) {
                assertTrue(rs.next());
                assertEquals(local, rs.getObject(2, LocalDateTime.class), "row " + id);
                assertEquals(instant, rs.getObject(2, Instant.class), "row " + id);
                assertEquals(instant, rs.getObject(2, OffsetDateTime.class).toInstant(), "row " + id);
                assertEquals(instant.atZone(ZoneId.systemDefault()), rs.getObject(2, ZonedDateTime.class));
                assertEquals(instant.toEpochMilli(), rs.getObject(2, java.util.Date.class).getTime());
                assertEquals(id == 1 ? tag.toString() : null, rs.getString(3));
            }
        }
    }
}
