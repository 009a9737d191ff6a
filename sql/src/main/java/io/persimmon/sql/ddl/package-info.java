/** DDL executed against the engine's catalog: CREATE / DROP TABLE, CREATE TABLE AS, CREATE / DROP INDEX. */
package io.persimmon.sql.ddl;
