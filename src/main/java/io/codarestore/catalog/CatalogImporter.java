package io.codarestore.catalog;

import io.codarestore.amanda.AmandaLogParser;
import io.codarestore.amanda.HoldingFiles;
import io.codarestore.amanda.LineProblem;
import io.codarestore.amanda.Tapelist;
import io.codarestore.amanda.TapelistEntry;
import io.codarestore.catalog.LogDirectory.LogFileOnDisk;
import io.codarestore.catalog.LogParsePipeline.KnownLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an Amanda configuration's records into a {@link Catalog}: every run log in the log
 * directory and its {@code oldlog/}, and the tapelist. One import is one transaction. Log files
 * whose size, modification time and content are unchanged since the last import are not parsed
 * again; logs that disappeared take their dumps with them; the tapelist is always re-read (it
 * decides which parts are still on tape).
 */
public final class CatalogImporter {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogImporter.class);

  /** New log bytes above which indexes are rebuilt once instead of updated row by row. */
  private static final long BULK_BYTES = 64L << 20;

  private final Catalog catalog;
  private final AmandaLogParser parser = new AmandaLogParser();

  public CatalogImporter(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Imports from the given source; see the class comment. */
  public ImportSummary importFrom(ImportSource source) {
    Path logdir = source.logdir();
    if (!Files.isDirectory(logdir)) {
      throw new CatalogException(logdir + ": log directory not found (Amanda's 'logdir')");
    }
    Tapelist tapelist;
    try {
      tapelist = Tapelist.read(source.tapelist());
    } catch (IOException e) {
      throw new CatalogException(
          source.tapelist() + ": cannot read the tapelist: " + e.getMessage(), e);
    }
    List<LineProblem> problems = new ArrayList<>(tapelist.problems());
    LogDirectory.Scan onDisk = LogDirectory.scan(logdir, problems);

    Connection c = catalog.connection();
    try {
      try (Statement s = c.createStatement()) {
        // A big page cache keeps the B-trees of a large import in memory.
        s.execute("PRAGMA cache_size = -262144");
      }
      c.setAutoCommit(false);
      try {
        Run run = new Run(c, source, tapelist);
        run.checkSource();
        Tally logs = run.importLogs(onDisk.logs(), problems, onDisk.ignored());
        run.replaceTapes(tapelist);
        HoldingDiskCheck.Result holding =
            new HoldingDiskCheck(c, source.holdingDirs()).run(problems);
        c.commit();
        AmandaIndexImport.Result index = new AmandaIndexImport(catalog).run(source.indexdir());
        problems.addAll(index.problems());
        Catalog.Counts n = catalog.counts();
        return new ImportSummary(
            n.hosts(),
            n.volumes(),
            n.dumps(),
            n.tapes(),
            logs.read,
            logs.unchanged,
            logs.removed,
            logs.ignored,
            logs.added,
            holding.left(),
            holding.readable(),
            problems,
            index.read(),
            index.unchanged());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw catalog.failed("import " + logdir, e);
    }
  }

  /** What happened to the run logs in one import. */
  private static final class Tally {
    int read;
    int unchanged;
    int removed;
    int ignored;
    int added;
    boolean deleted;
  }

  /** One import's state inside the transaction. */
  private final class Run {
    final Connection c;
    final ImportSource source;
    final CompressionLookup compression;

    Run(Connection c, ImportSource source, Tapelist tapelist) {
      this.c = c;
      this.source = source;
      this.compression = new CompressionLookup(source, tapelist);
    }

    void checkSource() throws SQLException {
      String logdir = source.logdir().toAbsolutePath().normalize().toString();
      try (PreparedStatement p = c.prepareStatement("SELECT logdir FROM import_source");
          ResultSet r = p.executeQuery()) {
        if (r.next() && !r.getString(1).equals(logdir)) {
          throw new CatalogException(
              catalog.file()
                  + " holds the records of the Amanda logs in "
                  + r.getString(1)
                  + ", not "
                  + logdir
                  + "; use another --db for another configuration");
        }
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT OR REPLACE INTO import_source (id, config_dir, logdir, tapelist, vtape_root,"
                  + " indexdir, infofile, imported_at, holding_dirs) VALUES (1, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?)")) {
        p.setString(1, abs(source.configDir()));
        p.setString(2, logdir);
        p.setString(3, abs(source.tapelist()));
        p.setString(4, abs(source.vtapeRoot()));
        p.setString(5, abs(source.indexdir()));
        p.setString(6, abs(source.infofile()));
        p.setString(7, Instant.now().toString());
        List<String> holding = new ArrayList<>();
        for (Path h : source.holdingDirs()) {
          holding.add(abs(h));
        }
        p.setString(8, holding.isEmpty() ? null : String.join("\n", holding));
        p.executeUpdate();
      }
    }

    Tally importLogs(Map<String, LogFileOnDisk> onDisk, List<LineProblem> problems, int ignored)
        throws SQLException {
      Map<String, KnownLog> known = knownLogs();
      Tally t = new Tally();
      t.ignored = ignored;
      try (PreparedStatement movePath =
              c.prepareStatement(
                  "UPDATE log_file SET path = ?, size = ?, mtime_ms = ? WHERE id = ?");
          PreparedStatement deleteLog = c.prepareStatement("DELETE FROM log_file WHERE id = ?")) {
        List<LogFileOnDisk> candidates = new ArrayList<>();
        long candidateBytes = 0;
        boolean allNew = true;
        for (LogFileOnDisk f : onDisk.values()) {
          KnownLog k = known.get(f.name());
          if (k != null && k.size() == f.size() && k.mtimeMs() == f.mtimeMs()) {
            if (!k.path().equals(f.relPath())) {
              update(movePath, f, k.id());
            }
            t.unchanged++;
            continue;
          }
          candidates.add(f);
          candidateBytes += f.size();
          allNew &= k == null;
        }
        // A log whose name is no longer on disk takes its dumps with it.
        for (Map.Entry<String, KnownLog> e : known.entrySet()) {
          if (!onDisk.containsKey(e.getKey())) {
            deleteLog.setLong(1, e.getValue().id());
            deleteLog.executeUpdate();
            t.removed++;
            t.deleted = true;
          }
        }
        if (!candidates.isEmpty()) {
          // A big batch of new logs (a first import): build the indexes once at the end.
          List<String> indexes = allNew && candidateBytes > BULK_BYTES ? dropIndexes() : List.of();
          parseAndInsert(candidates, known, problems, t, movePath, deleteLog);
          createIndexes(indexes);
        }
      }
      if (t.deleted) {
        deleteHostsAndVolumesWithoutDumps();
      }
      LOG.info(
          "import of {}: {} log files read, {} unchanged, {} removed, {} dumps added",
          source.logdir(),
          t.read,
          t.unchanged,
          t.removed,
          t.added);
      return t;
    }

    private Map<String, KnownLog> knownLogs() throws SQLException {
      Map<String, KnownLog> known = new HashMap<>();
      try (PreparedStatement p =
              c.prepareStatement("SELECT id, name, path, size, mtime_ms, sha256 FROM log_file");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          known.put(
              r.getString(2),
              new KnownLog(
                  r.getLong(1), r.getString(3), r.getLong(4), r.getLong(5), r.getString(6)));
        }
      }
      return known;
    }

    /** Parses the new and changed logs (on worker threads) and writes their rows, in order. */
    private void parseAndInsert(
        List<LogFileOnDisk> candidates,
        Map<String, KnownLog> known,
        List<LineProblem> problems,
        Tally t,
        PreparedStatement movePath,
        PreparedStatement deleteLog)
        throws SQLException {
      try (LogRows rows = new LogRows(c, compression);
          LogParsePipeline pipe = new LogParsePipeline(parser, candidates, known)) {
        for (LogFileOnDisk f : candidates) {
          LogParsePipeline.Parsed parsed = pipe.next();
          KnownLog k = known.get(f.name());
          if (parsed.error() != null) {
            problems.add(new LineProblem(f.relPath(), 0, "cannot read: " + parsed.error()));
            t.ignored++;
            continue;
          }
          if (parsed.log() == null) {
            update(movePath, f, k.id()); // touched, same content
            t.unchanged++;
            continue;
          }
          if (k != null) {
            rows.flush();
            deleteLog.setLong(1, k.id());
            deleteLog.executeUpdate();
            t.deleted = true;
          }
          problems.addAll(parsed.log().problems());
          t.added += rows.insert(f, parsed.sha256(), parsed.log(), parsed.dumps());
          t.read++;
        }
        rows.flush();
      }
    }

    private void deleteHostsAndVolumesWithoutDumps() throws SQLException {
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "DELETE FROM volume WHERE NOT EXISTS"
                + " (SELECT 1 FROM dump d WHERE d.volume_id = volume.id)");
        s.executeUpdate(
            "DELETE FROM host WHERE NOT EXISTS"
                + " (SELECT 1 FROM volume v WHERE v.host_id = host.id)");
      }
    }

    private void update(PreparedStatement movePath, LogFileOnDisk f, long id) throws SQLException {
      movePath.setString(1, f.relPath());
      movePath.setLong(2, f.size());
      movePath.setLong(3, f.mtimeMs());
      movePath.setLong(4, id);
      movePath.executeUpdate();
    }

    /** Drops the secondary indexes of the dump table and returns their definitions. */
    private List<String> dropIndexes() throws SQLException {
      List<String[]> found = new ArrayList<>();
      try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dump'"
                      + " AND sql IS NOT NULL");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          found.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
      List<String> sql = new ArrayList<>();
      for (String[] index : found) {
        // The statement text is the schema's own, as stored by SQLite: no outside data.
        try (Statement s = c.createStatement()) {
          s.execute("DROP INDEX \"" + index[0].replace("\"", "\"\"") + "\"");
        }
        sql.add(index[1]);
      }
      return sql;
    }

    private void createIndexes(List<String> definitions) throws SQLException {
      for (String sql : definitions) {
        try (Statement s = c.createStatement()) {
          s.execute(sql);
        }
      }
    }

    void replaceTapes(Tapelist tapelist) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM tape");
        s.executeUpdate("DELETE FROM problem WHERE log_file_id IS NULL");
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO tape (label, datestamp, reuse, position, blocksize_kb, pool, storage,"
                  + " config, barcode, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (TapelistEntry e : tapelist.entries()) {
          p.setString(1, e.label());
          p.setString(2, e.datestamp());
          p.setInt(3, e.reuse() ? 1 : 0);
          p.setInt(4, e.position());
          if (e.blocksizeKb() >= 0) {
            p.setInt(5, e.blocksizeKb());
          } else {
            p.setNull(5, java.sql.Types.INTEGER);
          }
          p.setString(6, e.pool());
          p.setString(7, e.storage());
          p.setString(8, e.config());
          p.setString(9, e.barcode());
          p.setString(10, e.comment());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO problem (log_file_id, file, line, message) VALUES (NULL, ?, ?, ?)")) {
        for (LineProblem pr : tapelist.problems()) {
          p.setString(1, pr.file());
          p.setInt(2, pr.line());
          p.setString(3, pr.message());
          p.addBatch();
        }
        p.executeBatch();
      }
    }
  }

  /** Amanda's sanitise_filename: '_' becomes "__", '/' and '\' become '_'. */
  static String sanitise(String name) {
    return HoldingFiles.sanitise(name);
  }

  private static String abs(Path p) {
    return p == null ? null : p.toAbsolutePath().normalize().toString();
  }
}
