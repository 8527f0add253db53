package io.codarestore.catalog;

import io.codarestore.core.Datestamp;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where the catalog's datestamp columns become {@link Datestamp}s: the SQLite file keeps Amanda's
 * digits, everything read from it is typed. A row whose text is not a datestamp (a damaged or
 * hand-edited file) fails as an {@link SQLException}, which {@link Catalog} reports with its file.
 */
final class CatalogRows {
  private CatalogRows() {}

  /** The datestamp in a column; null for SQL NULL. */
  static Datestamp datestamp(ResultSet r, int column) throws SQLException {
    String text = r.getString(column);
    if (text == null) {
      return null;
    }
    if (!Datestamp.isValid(text)) {
      throw new SQLException(
          "a datestamp reads '"
              + text
              + "', which is not an Amanda datestamp (expected YYYYMMDD or YYYYMMDDhhmmss)");
    }
    return Datestamp.parse(text);
  }

  /** A tapelist datestamp: null for SQL NULL and for Amanda's {@code 0} (a tape never written). */
  static Datestamp tapeDatestamp(ResultSet r, int column) throws SQLException {
    return "0".equals(r.getString(column)) ? null : datestamp(r, column);
  }

  /**
   * A part from {@code part_number, label, file_number, tape_datestamp, bytes, broken, error,
   * t.datestamp, t.label} starting at {@code first}.
   */
  static CatalogPart part(ResultSet r, int first) throws SQLException {
    return new CatalogPart(
        r.getInt(first),
        r.getString(first + 1),
        r.getInt(first + 2),
        datestamp(r, first + 3),
        r.getLong(first + 4),
        r.getInt(first + 5) != 0,
        r.getString(first + 6),
        tapeDatestamp(r, first + 7),
        r.getString(first + 8) != null);
  }

  /** A volume from {@code id, host, name, dump count, first datestamp, last datestamp}. */
  static CatalogVolume volume(ResultSet r) throws SQLException {
    return new CatalogVolume(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getInt(4),
        datestamp(r, 5),
        datestamp(r, 6));
  }
}
