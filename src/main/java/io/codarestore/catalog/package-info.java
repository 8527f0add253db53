/**
 * The local SQLite catalog of Amanda's dumps: schema with versioned migrations, import, queries.
 */
package io.codarestore.catalog;
