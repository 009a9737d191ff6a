package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nine TPC-C tables (clause 1.3) with the specification's primary keys, the secondary indexes
 * (customer last name, and a customer's orders), and the cardinalities of clause 4.2.
 *
 * <p>The DDL is plain standard SQL: unquoted upper-case identifiers, INTEGER, SMALLINT, DECIMAL(p,s),
 * VARCHAR(n), CHAR(n), TIMESTAMP and PRIMARY KEY as a table constraint. The table ORDER is called ORDERS
 * because ORDER is a reserved word. HISTORY has no primary key, as in the specification.
 */
public final class TpccSchema {

    /** Rows in ITEM. */
    public static final int ITEMS = 100_000;
    /** Rows in STOCK per warehouse. */
    public static final int STOCK_PER_WAREHOUSE = ITEMS;
    /** Districts per warehouse. */
    public static final int DISTRICTS_PER_WAREHOUSE = 10;
    /** Customers per district. */
    public static final int CUSTOMERS_PER_DISTRICT = 3_000;
    /** Initial orders per district. */
    public static final int ORDERS_PER_DISTRICT = 3_000;
    /** The initial orders with an O_ID at or above this one are undelivered (900 NEW_ORDER rows). */
    public static final int FIRST_UNDELIVERED_ORDER = 2_101;

    /** The table names, in creation order. */
    public static final List<String> TABLES = List.of(
            "WAREHOUSE", "DISTRICT", "CUSTOMER", "HISTORY", "NEW_ORDER", "ORDERS", "ORDER_LINE", "ITEM", "STOCK");

    private static final List<String> CREATE_TABLES = List.of(
            """
            CREATE TABLE WAREHOUSE (
              W_ID INTEGER NOT NULL,
              W_NAME VARCHAR(10),
              W_STREET_1 VARCHAR(20),
              W_STREET_2 VARCHAR(20),
              W_CITY VARCHAR(20),
              W_STATE CHAR(2),
              W_ZIP CHAR(9),
              W_TAX DECIMAL(4,4),
              W_YTD DECIMAL(12,2),
              PRIMARY KEY (W_ID))""",
            """
            CREATE TABLE DISTRICT (
              D_ID SMALLINT NOT NULL,
              D_W_ID INTEGER NOT NULL,
              D_NAME VARCHAR(10),
              D_STREET_1 VARCHAR(20),
              D_STREET_2 VARCHAR(20),
              D_CITY VARCHAR(20),
              D_STATE CHAR(2),
              D_ZIP CHAR(9),
              D_TAX DECIMAL(4,4),
              D_YTD DECIMAL(12,2),
              D_NEXT_O_ID INTEGER,
              PRIMARY KEY (D_W_ID, D_ID))""",
            """
            CREATE TABLE CUSTOMER (
              C_ID INTEGER NOT NULL,
              C_D_ID SMALLINT NOT NULL,
              C_W_ID INTEGER NOT NULL,
              C_FIRST VARCHAR(16),
              C_MIDDLE CHAR(2),
              C_LAST VARCHAR(16),
              C_STREET_1 VARCHAR(20),
              C_STREET_2 VARCHAR(20),
              C_CITY VARCHAR(20),
              C_STATE CHAR(2),
              C_ZIP CHAR(9),
              C_PHONE CHAR(16),
              C_SINCE TIMESTAMP,
              C_CREDIT CHAR(2),
              C_CREDIT_LIM DECIMAL(12,2),
              C_DISCOUNT DECIMAL(4,4),
              C_BALANCE DECIMAL(12,2),
              C_YTD_PAYMENT DECIMAL(12,2),
              C_PAYMENT_CNT INTEGER,
              C_DELIVERY_CNT INTEGER,
              C_DATA VARCHAR(500),
              PRIMARY KEY (C_W_ID, C_D_ID, C_ID))""",
            """
            CREATE TABLE HISTORY (
              H_C_ID INTEGER,
              H_C_D_ID SMALLINT,
              H_C_W_ID INTEGER,
              H_D_ID SMALLINT,
              H_W_ID INTEGER,
              H_DATE TIMESTAMP,
              H_AMOUNT DECIMAL(6,2),
              H_DATA VARCHAR(24))""",
            """
            CREATE TABLE NEW_ORDER (
              NO_O_ID INTEGER NOT NULL,
              NO_D_ID SMALLINT NOT NULL,
              NO_W_ID INTEGER NOT NULL,
              PRIMARY KEY (NO_W_ID, NO_D_ID, NO_O_ID))""",
            """
            CREATE TABLE ORDERS (
              O_ID INTEGER NOT NULL,
              O_D_ID SMALLINT NOT NULL,
              O_W_ID INTEGER NOT NULL,
              O_C_ID INTEGER,
              O_ENTRY_D TIMESTAMP,
              O_CARRIER_ID SMALLINT,
              O_OL_CNT SMALLINT,
              O_ALL_LOCAL SMALLINT,
              PRIMARY KEY (O_W_ID, O_D_ID, O_ID))""",
            """
            CREATE TABLE ORDER_LINE (
              OL_O_ID INTEGER NOT NULL,
              OL_D_ID SMALLINT NOT NULL,
              OL_W_ID INTEGER NOT NULL,
              OL_NUMBER SMALLINT NOT NULL,
              OL_I_ID INTEGER,
              OL_SUPPLY_W_ID INTEGER,
              OL_DELIVERY_D TIMESTAMP,
              OL_QUANTITY SMALLINT,
              OL_AMOUNT DECIMAL(6,2),
              OL_DIST_INFO CHAR(24),
              PRIMARY KEY (OL_W_ID, OL_D_ID, OL_O_ID, OL_NUMBER))""",
            """
            CREATE TABLE ITEM (
              I_ID INTEGER NOT NULL,
              I_IM_ID INTEGER,
              I_NAME VARCHAR(24),
              I_PRICE DECIMAL(5,2),
              I_DATA VARCHAR(50),
              PRIMARY KEY (I_ID))""",
            """
            CREATE TABLE STOCK (
              S_I_ID INTEGER NOT NULL,
              S_W_ID INTEGER NOT NULL,
              S_QUANTITY SMALLINT,
              S_DIST_01 CHAR(24),
              S_DIST_02 CHAR(24),
              S_DIST_03 CHAR(24),
              S_DIST_04 CHAR(24),
              S_DIST_05 CHAR(24),
              S_DIST_06 CHAR(24),
              S_DIST_07 CHAR(24),
              S_DIST_08 CHAR(24),
              S_DIST_09 CHAR(24),
              S_DIST_10 CHAR(24),
              S_YTD INTEGER,
              S_ORDER_CNT INTEGER,
              S_REMOTE_CNT INTEGER,
              S_DATA VARCHAR(50),
              PRIMARY KEY (S_W_ID, S_I_ID))""");

    /**
     * Secondary indexes, created after the load: customer by last name (Payment and Order-Status by
     * name), and a customer's orders (Order-Status reads the customer's latest order; without it every
     * Order-Status scans the district's 3,000+ orders). Every well-known TPC-C kit creates both.
     */
    static final List<String> CREATE_INDEXES = List.of(
            "CREATE INDEX CUSTOMER_NAME ON CUSTOMER (C_W_ID, C_D_ID, C_LAST, C_FIRST)",
            "CREATE INDEX ORDERS_CUSTOMER ON ORDERS (O_W_ID, O_D_ID, O_C_ID, O_ID)");

    private TpccSchema() {
    }

    /** Drops whichever of the nine tables exist, then creates them (without secondary indexes). */
    public static void recreateTables(Connection connection, Dialect dialect) throws SQLException {
        Set<String> existing = existingTables(connection);
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES.reversed()) {
                if (existing.contains(table)) {
                    statement.execute("DROP TABLE " + table);
                }
            }
            for (String ddl : createTableStatements(dialect)) {
                statement.execute(ddl);
            }
        }
        commitIfNeeded(connection);
    }

    /** Creates the secondary indexes (after the load, which is faster). */
    public static void createIndexes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : CREATE_INDEXES) {
                statement.execute(ddl);
            }
        }
        commitIfNeeded(connection);
    }

    /** The CREATE TABLE statements for {@code dialect}. */
    public static List<String> createTableStatements(Dialect dialect) {
        List<String> statements = new ArrayList<>();
        for (String ddl : CREATE_TABLES) {
            statements.add(ddl + dialect.tableOptions());
        }
        return statements;
    }

    private static Set<String> existingTables(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rows = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String schema = rows.getString("TABLE_SCHEM");
                if (schema != null && schema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
                    continue;
                }
                names.add(rows.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        names.retainAll(TABLES);
        return names;
    }

    private static void commitIfNeeded(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
