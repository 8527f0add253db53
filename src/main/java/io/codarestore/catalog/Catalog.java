package io.codarestore.catalog;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.core.Datestamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The local SQLite catalog of one Amanda configuration's dumps. Opening migrates the schema to the
 * current version. All SQL is prepared; every import runs in one transaction ({@link
 * CatalogImporter}).
 */
public final class Catalog implements AutoCloseable {
  private final Path file;
  private final Connection connection;

  private Catalog(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens the catalog, creating the file (and its directory) if needed. */
  public static Catalog open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new CatalogException(
          file + ": cannot create the catalog's directory: " + e.getMessage(), e);
    }
    return connect(file);
  }

  /** Opens an existing catalog; a missing file is an error that says to import first. */
  public static Catalog openExisting(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CatalogException(
          file + ": no catalog here; run 'coda-restore catalog import' first (or pass --db)");
    }
    return connect(file);
  }

  private static Catalog connect(Path file) {
    return connect(file, file);
  }

  /** Opens the database in {@code db}, named {@code file} in messages (a new catalog's temp). */
  static Catalog connect(Path db, Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
      CatalogMigrations.migrate(c, file.toString());
      return new Catalog(file, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new CatalogException(file + ": cannot open the catalog: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  Connection connection() {
    return connection;
  }

  private FileIndexStore fileIndex;
  private FileIndexReads fileIndexReads;

  /** The file index's writes and snapshots (one per catalog; not thread safe, like the catalog). */
  public synchronized FileIndexStore fileIndex() {
    if (fileIndex == null) {
      fileIndex = new FileIndexStore(this);
    }
    return fileIndex;
  }

  /** The file index's queries. */
  public synchronized FileIndexReads fileIndexReads() {
    if (fileIndexReads == null) {
      fileIndexReads = new FileIndexReads(this, fileIndex().paths);
    }
    return fileIndexReads;
  }

  /** Where the catalog was last imported from, if it ever was. */
  public Optional<ImportSource> source() {
    String sql =
        "SELECT config_dir, logdir, tapelist, vtape_root, indexdir, infofile, holding_dirs"
            + " FROM import_source";
    try (PreparedStatement p = connection.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new ImportSource(
              path(r.getString(1)),
              Path.of(r.getString(2)),
              Path.of(r.getString(3)),
              path(r.getString(4)),
              path(r.getString(5)),
              path(r.getString(6)),
              paths(r.getString(7))));
    } catch (SQLException e) {
      throw failed("read the import source", e);
    }
  }

  /** Host names, sorted. */
  public List<String> hosts() {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = connection.prepareStatement("SELECT name FROM host ORDER BY name");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw failed("list hosts", e);
    }
    return out;
  }

  /** Volumes, optionally of one host (host names compare case-insensitively, as in Amanda). */
  public List<CatalogVolume> volumes(String host) {
    String sql =
        "SELECT v.id, h.name, v.name,"
            + " (SELECT count(*) FROM dump d WHERE d.volume_id = v.id),"
            + " (SELECT min(datestamp) FROM dump d WHERE d.volume_id = v.id),"
            + " (SELECT max(datestamp) FROM dump d WHERE d.volume_id = v.id)"
            + " FROM volume v JOIN host h ON h.id = v.host_id"
            + " WHERE (?1 IS NULL OR h.name = ?1) ORDER BY h.name, v.name";
    List<CatalogVolume> out = new ArrayList<>();
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setString(1, host);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(CatalogRows.volume(r));
        }
      }
    } catch (SQLException e) {
      throw failed("list volumes", e);
    }
    return out;
  }

  /** One volume of a host, if the catalog knows it. */
  public Optional<CatalogVolume> volume(String host, String volume) {
    String sql =
        "SELECT v.id, h.name, v.name,"
            + " (SELECT count(*) FROM dump d WHERE d.volume_id = v.id),"
            + " (SELECT min(datestamp) FROM dump d WHERE d.volume_id = v.id),"
            + " (SELECT max(datestamp) FROM dump d WHERE d.volume_id = v.id)"
            + " FROM volume v JOIN host h ON h.id = v.host_id WHERE h.name = ? AND v.name = ?";
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setString(1, host);
      p.setString(2, volume);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(CatalogRows.volume(r));
      }
    } catch (SQLException e) {
      throw failed("find volume " + host + ":" + volume, e);
    }
  }

  /** Every dump of a volume (each log's record of it), oldest first, with parts and tape states. */
  public List<CatalogDump> dumps(CatalogVolume volume) {
    String dumpSql =
        "SELECT d.id, d.datestamp, d.level, d.status, d.part_count, d.bytes, d.orig_kb,"
            + " d.native_crc, d.client_crc, d.server_crc, d.compression, d.on_holding_disk,"
            + " d.detail, l.path, d.log_line"
            + " FROM dump d JOIN log_file l ON l.id = d.log_file_id"
            + " WHERE d.volume_id = ? ORDER BY d.datestamp, d.level, d.id";
    String partSql =
        "SELECT p.dump_id, p.part_number, p.label, p.file_number, p.tape_datestamp, p.bytes,"
            + " p.broken, p.error, t.datestamp, t.label"
            + " FROM dump d JOIN part p ON p.dump_id = d.id LEFT JOIN tape t ON t.label = p.label"
            + " WHERE d.volume_id = ? ORDER BY p.dump_id, p.seq";
    try {
      Map<Long, List<CatalogPart>> parts = new HashMap<>();
      try (PreparedStatement p = connection.prepareStatement(partSql)) {
        p.setLong(1, volume.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            parts
                .computeIfAbsent(r.getLong(1), k -> new ArrayList<>(2))
                .add(CatalogRows.part(r, 2));
          }
        }
      }
      Map<Long, HoldingCopy> holding =
          holdingCopies(HOLDING_OF_VOLUME, CHUNKS_OF_VOLUME, volume.id());
      List<CatalogDump> out = new ArrayList<>();
      try (PreparedStatement p = connection.prepareStatement(dumpSql)) {
        p.setLong(1, volume.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            long id = r.getLong(1);
            out.add(
                new CatalogDump(
                    id,
                    volume.host(),
                    volume.volume(),
                    CatalogRows.datestamp(r, 2),
                    r.getInt(3),
                    DumpStatus.fromCode(r.getString(4)),
                    r.getInt(5),
                    r.getLong(6),
                    r.getLong(7),
                    r.getString(8),
                    r.getString(9),
                    r.getString(10),
                    r.getString(11),
                    r.getInt(12) != 0,
                    r.getString(13),
                    r.getString(14),
                    r.getInt(15),
                    parts.getOrDefault(id, List.of()),
                    holding.get(id)));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed("read the dumps of " + volume.host() + ":" + volume.volume(), e);
    }
  }

  /** The planner's view of every dump of a volume, oldest first (one covering-index scan). */
  public List<CatalogDumpSummary> dumpSummaries(CatalogVolume volume) {
    String sql =
        "SELECT id, datestamp, level, status, on_holding_disk, holding_readable, tapes FROM dump"
            + " WHERE volume_id = ? ORDER BY datestamp, level";
    List<CatalogDumpSummary> out = new ArrayList<>(Math.max(16, volume.dumpCount()));
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setLong(1, volume.id());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new CatalogDumpSummary(
                  r.getLong(1),
                  CatalogRows.datestamp(r, 2),
                  r.getInt(3),
                  DumpStatus.fromCode(r.getString(4)),
                  r.getInt(5) != 0,
                  r.getInt(6) != 0,
                  r.getString(7)));
        }
      }
    } catch (SQLException e) {
      throw failed("read the dumps of " + volume.host() + ":" + volume.volume(), e);
    }
    return out;
  }

  /** One dump with its parts, by id. */
  public Optional<CatalogDump> dump(long id) {
    String dumpSql =
        "SELECT d.datestamp, d.level, d.status, d.part_count, d.bytes, d.orig_kb,"
            + " d.native_crc, d.client_crc, d.server_crc, d.compression, d.on_holding_disk,"
            + " d.detail, l.path, d.log_line, h.name, v.name"
            + " FROM dump d JOIN log_file l ON l.id = d.log_file_id"
            + " JOIN volume v ON v.id = d.volume_id JOIN host h ON h.id = v.host_id"
            + " WHERE d.id = ?";
    String partSql =
        "SELECT p.part_number, p.label, p.file_number, p.tape_datestamp, p.bytes,"
            + " p.broken, p.error, t.datestamp, t.label"
            + " FROM part p LEFT JOIN tape t ON t.label = p.label"
            + " WHERE p.dump_id = ? ORDER BY p.seq";
    try {
      List<CatalogPart> parts = new ArrayList<>();
      try (PreparedStatement p = connection.prepareStatement(partSql)) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            parts.add(CatalogRows.part(r, 1));
          }
        }
      }
      Map<Long, HoldingCopy> holding = holdingCopies(HOLDING_OF_DUMP, CHUNKS_OF_DUMP, id);
      try (PreparedStatement p = connection.prepareStatement(dumpSql)) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(
              new CatalogDump(
                  id,
                  r.getString(15),
                  r.getString(16),
                  CatalogRows.datestamp(r, 1),
                  r.getInt(2),
                  DumpStatus.fromCode(r.getString(3)),
                  r.getInt(4),
                  r.getLong(5),
                  r.getLong(6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10),
                  r.getInt(11) != 0,
                  r.getString(12),
                  r.getString(13),
                  r.getInt(14),
                  parts,
                  holding.get(id)));
        }
      }
    } catch (SQLException e) {
      throw failed("read dump " + id, e);
    }
  }

  /**
   * The current tapelist: label to the datestamp of the run that last wrote it (tapes never written
   * left out).
   */
  public Map<String, Datestamp> tapelist() {
    Map<String, Datestamp> out = new HashMap<>();
    for (CatalogTape t : tapes()) {
      if (t.datestamp() != null) {
        out.put(t.label(), t.datestamp());
      }
    }
    return out;
  }

  /** The tapelist as last imported, newest first. */
  public List<CatalogTape> tapes() {
    List<CatalogTape> out = new ArrayList<>();
    String sql = "SELECT label, datestamp, reuse, position FROM tape ORDER BY position";
    try (PreparedStatement p = connection.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(
            new CatalogTape(
                r.getString(1), CatalogRows.tapeDatestamp(r, 2), r.getInt(3) != 0, r.getInt(4)));
      }
    } catch (SQLException e) {
      throw failed("list tapes", e);
    }
    return out;
  }

  /** Counts of what the catalog holds: hosts, volumes, dumps, tapes, log files, problems. */
  public Counts counts() {
    String sql =
        "SELECT (SELECT count(*) FROM host), (SELECT count(*) FROM volume),"
            + " (SELECT count(*) FROM dump), (SELECT count(*) FROM tape),"
            + " (SELECT count(*) FROM log_file), (SELECT count(*) FROM problem)";
    try (PreparedStatement p = connection.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      r.next();
      return new Counts(
          r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5), r.getInt(6));
    } catch (SQLException e) {
      throw failed("count", e);
    }
  }

  /** What the catalog holds. */
  public record Counts(int hosts, int volumes, int dumps, int tapes, int logFiles, int problems) {}

  CatalogException failed(String what, SQLException e) {
    return new CatalogException(file + ": cannot " + what + ": " + e.getMessage(), e);
  }

  private static Path path(String s) {
    return s == null ? null : Path.of(s);
  }

  private static List<Path> paths(String lines) {
    List<Path> out = new ArrayList<>();
    if (lines != null) {
      for (String l : lines.split("\n")) {
        if (!l.isEmpty()) {
          out.add(Path.of(l));
        }
      }
    }
    return out;
  }

  private static final String HOLDING_OF_VOLUME =
      "SELECT d.id, d.holding_problem FROM dump d WHERE d.on_holding_disk = 1 AND d.volume_id = ?";
  private static final String CHUNKS_OF_VOLUME =
      "SELECT c.dump_id, c.chunk, c.path, c.bytes FROM dump d"
          + " JOIN holding_chunk c ON c.dump_id = d.id"
          + " WHERE d.on_holding_disk = 1 AND d.volume_id = ? ORDER BY c.dump_id, c.chunk";
  private static final String HOLDING_OF_DUMP =
      "SELECT d.id, d.holding_problem FROM dump d WHERE d.on_holding_disk = 1 AND d.id = ?";
  private static final String CHUNKS_OF_DUMP =
      "SELECT c.dump_id, c.chunk, c.path, c.bytes FROM dump d"
          + " JOIN holding_chunk c ON c.dump_id = d.id"
          + " WHERE d.on_holding_disk = 1 AND d.id = ? ORDER BY c.dump_id, c.chunk";

  /**
   * The holding-disk findings of the dumps left on the holding disk that {@code dumpSql} selects
   * for {@code key}, by dump id.
   */
  private Map<Long, HoldingCopy> holdingCopies(String dumpSql, String chunkSql, long key)
      throws SQLException {
    Map<Long, String> problems = new HashMap<>();
    Map<Long, Boolean> seen = new HashMap<>();
    try (PreparedStatement p = connection.prepareStatement(dumpSql)) {
      p.setLong(1, key);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          seen.put(r.getLong(1), Boolean.TRUE);
          problems.put(r.getLong(1), r.getString(2));
        }
      }
    }
    Map<Long, List<HoldingCopy.Chunk>> chunks = new HashMap<>();
    try (PreparedStatement p = connection.prepareStatement(chunkSql)) {
      p.setLong(1, key);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          chunks
              .computeIfAbsent(r.getLong(1), k -> new ArrayList<>(1))
              .add(new HoldingCopy.Chunk(r.getInt(2), Path.of(r.getString(3)), r.getLong(4)));
        }
      }
    }
    Map<Long, HoldingCopy> out = new HashMap<>();
    for (Long id : seen.keySet()) {
      out.put(id, new HoldingCopy(chunks.getOrDefault(id, List.of()), problems.get(id)));
    }
    return out;
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Nothing useful to do: the data was committed or rolled back before.
      }
    }
  }
}
