package io.persimmon.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo database of the README's quick tour: a small shop (customers, products, orders and
 * their lines), created through JDBC the first time it is opened.
 */
final class DemoDatabase {
    private DemoDatabase() {}

    /** demo/persimmon-demo.pool under the project (PERSIMMON_HOME) or the working directory. */
    static Path defaultPath() {
        String home = System.getenv("PERSIMMON_HOME");
        return (home == null ? Path.of("") : Path.of(home)).resolve("demo").resolve("persimmon-demo.pool").toAbsolutePath();
    }

    /** The URL of the demo database at {@code pool}, created with its sample data when missing. */
    static String ensure(Path pool) throws Exception {
        String url = "jdbc:persimmon:" + pool;
        if (Files.exists(pool)) {
            return url;
        }
        Files.createDirectories(pool.getParent());
        Class.forName(ShellCommand.DRIVER);
        try (Connection c = DriverManager.getConnection(url)) {
            create(c);
        }
        return url;
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                    + "city VARCHAR(30), joined DATE)");
            s.execute("CREATE TABLE product (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                    + "price DECIMAL(10,2) NOT NULL, stock INTEGER DEFAULT 0)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL "
                    + "REFERENCES customer(id), placed TIMESTAMP NOT NULL, status VARCHAR(10) NOT NULL)");
            s.execute("CREATE TABLE order_line (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL, "
                    + "product_id INTEGER NOT NULL REFERENCES product(id), qty INTEGER NOT NULL, "
                    + "PRIMARY KEY (order_id, line))");
            s.execute("CREATE INDEX customer_city ON customer (city)");
            s.execute("CREATE INDEX orders_customer ON orders (customer_id)");
        }
        String[][] customers = {
                {"1", "Ada Lovelace", "London", "2024-01-15"}, {"2", "Grace Hopper", "New York", "2024-02-03"},
                {"3", "Alan Turing", "Manchester", "2024-03-21"}, {"4", "Edsger Dijkstra", "Eindhoven", "2024-05-30"},
                {"5", "Barbara Liskov", "Boston", "2024-07-11"}, {"6", "Donald Knuth", "Stanford", "2025-01-09"}};
        try (PreparedStatement p = c.prepareStatement("INSERT INTO customer VALUES (?, ?, ?, ?)")) {
            for (String[] row : customers) {
                p.setInt(1, Integer.parseInt(row[0]));
                p.setString(2, row[1]);
                p.setString(3, row[2]);
                p.setDate(4, java.sql.Date.valueOf(row[3]));
                p.executeUpdate();
            }
        }
        Object[][] products = {
                {1, "Persimmon", "1.20", 500}, {2, "Fig", "0.90", 300}, {3, "Quince", "2.50", 80},
                {4, "Medlar", "3.10", 25}, {5, "Pomegranate", "1.75", 140}};
        try (PreparedStatement p = c.prepareStatement("INSERT INTO product (id, name, price, stock) VALUES (?, ?, ?, ?)")) {
            for (Object[] row : products) {
                p.setInt(1, (Integer) row[0]);
                p.setString(2, (String) row[1]);
                p.setBigDecimal(3, new java.math.BigDecimal((String) row[2]));
                p.setInt(4, (Integer) row[3]);
                p.executeUpdate();
            }
        }
        try (PreparedStatement o = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)");
             PreparedStatement l = c.prepareStatement("INSERT INTO order_line VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= 12; id++) {
                o.setInt(1, id);
                o.setInt(2, 1 + id % customers.length);
                o.setTimestamp(3, java.sql.Timestamp.valueOf("2025-06-" + String.format("%02d", id) + " 10:" + (10 + id) + ":00.123456"));
                o.setString(4, id % 4 == 0 ? "OPEN" : "SHIPPED");
                o.executeUpdate();
                for (int line = 1; line <= 1 + id % 3; line++) {
                    l.setInt(1, id);
                    l.setInt(2, line);
                    l.setInt(3, 1 + (id + line) % products.length);
                    l.setInt(4, line * 2 + id % 5);
                    l.executeUpdate();
                }
            }
        }
    }
}
