package io.codarestore.catalog;

import io.codarestore.amanda.AmandaFileHeader;
import io.codarestore.amanda.AmandaHeaderException;
import io.codarestore.amanda.AmandaLog;
import io.codarestore.amanda.AmandaLogDump;
import io.codarestore.amanda.AmandaLogParser;
import io.codarestore.amanda.AmandaLogPart;
import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpId;
import io.codarestore.amanda.FetchException;
import io.codarestore.amanda.HoldingFiles;
import io.codarestore.amanda.LineProblem;
import io.codarestore.amanda.MissingPartException;
import io.codarestore.amanda.Tapelist;
import io.codarestore.amanda.TapelistEntry;
import io.codarestore.amanda.VtapeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

  private static final Pattern RUN_LOG = Pattern.compile("log\\.(\\d{8}|\\d{14})\\.\\d+");

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
    int[] ignored = {0};
    Map<String, LogFileOnDisk> onDisk = scan(logdir, problems, ignored);

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
        ImportSummary summary = run.importLogs(onDisk, problems, ignored[0]);
        run.replaceTapes(tapelist);
        int[] holding = run.checkHoldingDisk(problems);
        c.commit();
        AmandaIndexImport.Result index = new AmandaIndexImport(catalog).run(source.indexdir());
        problems.addAll(index.problems());
        Catalog.Counts n = catalog.counts();
        return new ImportSummary(
            n.hosts(),
            n.volumes(),
            n.dumps(),
            n.tapes(),
            summary.filesRead(),
            summary.filesUnchanged(),
            summary.filesRemoved(),
            summary.filesIgnored(),
            summary.dumpsAdded(),
            holding[0],
            holding[1],
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

  private record LogFileOnDisk(String name, String relPath, Path path, long size, long mtimeMs) {}

  /** Run logs in logdir and logdir/oldlog, by file name; logdir wins over oldlog. */
  private static Map<String, LogFileOnDisk> scan(
      Path logdir, List<LineProblem> problems, int[] ignored) {
    Map<String, LogFileOnDisk> out = new LinkedHashMap<>();
    scanDir(logdir.resolve("oldlog"), "oldlog/", out, problems, ignored);
    Map<String, LogFileOnDisk> top = new LinkedHashMap<>();
    scanDir(logdir, "", top, problems, ignored);
    for (LogFileOnDisk f : top.values()) {
      if (out.containsKey(f.name())) {
        problems.add(
            new LineProblem(
                "oldlog/" + f.name(), 0, "also present in the log directory; that copy is used"));
      }
      out.put(f.name(), f);
    }
    return out;
  }

  private static void scanDir(
      Path dir,
      String prefix,
      Map<String, LogFileOnDisk> out,
      List<LineProblem> problems,
      int[] ignored) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        entries.add(p);
      }
    } catch (IOException e) {
      problems.add(new LineProblem(dir.toString(), 0, "cannot list: " + e.getMessage()));
      return;
    }
    entries.sort(null);
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (!RUN_LOG.matcher(name).matches()) {
        continue; // amdump.*, the "log" symlink, oldlog/, lock files: not run logs.
      }
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
          continue;
        }
        out.put(
            name,
            new LogFileOnDisk(name, prefix + name, p, a.size(), a.lastModifiedTime().toMillis()));
      } catch (IOException e) {
        problems.add(new LineProblem(prefix + name, 0, "cannot read: " + e.getMessage()));
        ignored[0]++;
      }
    }
  }

  private record KnownLog(long id, String path, long size, long mtimeMs, String sha256) {}

  /** One import's state inside the transaction. */
  private final class Run {
    final Connection c;
    final ImportSource source;
    final Map<String, Long> hostIds = new HashMap<>();
    final Map<String, Long> volumeIds = new HashMap<>();
    long nextLogId;
    long nextDumpId;
    long nextHostId;
    long nextVolumeId;
    final Map<String, String> tapelistNow;
    VtapeLibrary vtapeLibrary;
    boolean vtapesUnusable;

    Run(Connection c, ImportSource source, Tapelist tapelist) {
      this.c = c;
      this.source = source;
      this.tapelistNow = new HashMap<>();
      for (TapelistEntry e : tapelist.entries()) {
        tapelistNow.put(e.label(), e.datestamp());
      }
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

    ImportSummary importLogs(
        Map<String, LogFileOnDisk> onDisk, List<LineProblem> problems, int ignored)
        throws SQLException {
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
      int read = 0;
      int unchanged = 0;
      int removed = 0;
      int added = 0;
      boolean deleted = false;
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
            unchanged++;
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
            removed++;
            deleted = true;
          }
        }
        if (!candidates.isEmpty()) {
          loadIds();
          // A big batch of new logs (a first import): build the indexes once at the end.
          List<String> indexes = allNew && candidateBytes > BULK_BYTES ? dropIndexes() : List.of();
          try (Inserter ins = new Inserter(c);
              ParsePipeline pipe = new ParsePipeline(candidates, known)) {
            for (LogFileOnDisk f : candidates) {
              Parsed parsed = pipe.next();
              KnownLog k = known.get(f.name());
              if (parsed.error() != null) {
                problems.add(new LineProblem(f.relPath(), 0, "cannot read: " + parsed.error()));
                ignored++;
                continue;
              }
              if (parsed.log() == null) {
                update(movePath, f, k.id()); // touched, same content
                unchanged++;
                continue;
              }
              if (k != null) {
                ins.flush();
                deleteLog.setLong(1, k.id());
                deleteLog.executeUpdate();
                deleted = true;
              }
              problems.addAll(parsed.log().problems());
              added += insertLog(ins, f, parsed.sha256(), parsed.log(), parsed.dumps());
              read++;
            }
            ins.flush();
          }
          createIndexes(indexes);
        }
      }
      if (deleted) {
        try (Statement s = c.createStatement()) {
          s.executeUpdate(
              "DELETE FROM volume WHERE NOT EXISTS"
                  + " (SELECT 1 FROM dump d WHERE d.volume_id = volume.id)");
          s.executeUpdate(
              "DELETE FROM host WHERE NOT EXISTS"
                  + " (SELECT 1 FROM volume v WHERE v.host_id = host.id)");
        }
      }
      LOG.info(
          "import of {}: {} log files read, {} unchanged, {} removed, {} dumps added",
          source.logdir(),
          read,
          unchanged,
          removed,
          added);
      return new ImportSummary(
          0, 0, 0, 0, read, unchanged, removed, ignored, added, 0, 0, List.of(), 0, 0);
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

    private void loadIds() throws SQLException {
      try (Statement s = c.createStatement()) {
        try (ResultSet r =
            s.executeQuery(
                "SELECT (SELECT coalesce(max(id), 0) FROM log_file),"
                    + " (SELECT coalesce(max(id), 0) FROM dump),"
                    + " (SELECT coalesce(max(id), 0) FROM host),"
                    + " (SELECT coalesce(max(id), 0) FROM volume)")) {
          r.next();
          nextLogId = r.getLong(1) + 1;
          nextDumpId = r.getLong(2) + 1;
          nextHostId = r.getLong(3) + 1;
          nextVolumeId = r.getLong(4) + 1;
        }
        try (ResultSet r = s.executeQuery("SELECT id, name FROM host")) {
          while (r.next()) {
            hostIds.put(r.getString(2).toLowerCase(Locale.ROOT), r.getLong(1));
          }
        }
        try (ResultSet r = s.executeQuery("SELECT id, host_id, name FROM volume")) {
          while (r.next()) {
            volumeIds.put(r.getLong(2) + "\0" + r.getString(3), r.getLong(1));
          }
        }
      }
    }

    private int insertLog(
        Inserter ins, LogFileOnDisk f, String sha, AmandaLog log, List<AmandaLogDump> dumps)
        throws SQLException {
      long logId = nextLogId++;
      PreparedStatement p = ins.log;
      p.setLong(1, logId);
      p.setString(2, f.name());
      p.setString(3, f.relPath());
      p.setLong(4, f.size());
      p.setLong(5, f.mtimeMs());
      p.setString(6, sha);
      p.setString(7, log.runDatestamp());
      p.setInt(8, log.lineCount());
      p.setInt(9, log.problems().size());
      p.executeUpdate();
      for (LineProblem pr : log.problems()) {
        ins.problem.setLong(1, logId);
        ins.problem.setString(2, pr.file());
        ins.problem.setInt(3, pr.line());
        ins.problem.setString(4, pr.message());
        ins.problem.addBatch();
      }
      for (AmandaLogDump d : dumps) {
        long volumeId = volumeId(ins, d.host(), d.disk());
        long dumpId = nextDumpId++;
        PreparedStatement q = ins.dump;
        q.setLong(1, dumpId);
        q.setLong(2, volumeId);
        q.setLong(3, logId);
        q.setInt(4, d.line());
        q.setString(5, d.datestamp());
        q.setInt(6, d.level());
        q.setString(7, d.status().code());
        q.setInt(8, d.partCount());
        q.setLong(9, d.bytes());
        q.setLong(10, d.origKb());
        q.setString(11, d.nativeCrc());
        q.setString(12, d.clientCrc());
        q.setString(13, d.serverCrc());
        q.setString(14, compression(d));
        q.setInt(15, d.onHoldingDisk() ? 1 : 0);
        q.setString(16, tapes(d));
        q.setString(17, d.detail());
        q.setLong(18, d.holdingKb());
        q.addBatch();
        int seq = 0;
        for (AmandaLogPart part : d.parts()) {
          PreparedStatement r = ins.part;
          r.setLong(1, dumpId);
          r.setInt(2, seq++);
          r.setInt(3, part.partNumber());
          r.setString(4, part.label());
          r.setInt(5, part.fileNumber());
          r.setString(6, part.tapeDatestamp());
          r.setLong(7, part.bytes());
          r.setInt(8, part.broken() ? 1 : 0);
          r.setString(9, part.error());
          r.addBatch();
        }
        ins.pending += 1 + d.parts().size();
        if (ins.pending >= 4096) {
          ins.flush();
        }
      }
      return dumps.size();
    }

    private long volumeId(Inserter ins, String host, String disk) throws SQLException {
      Long hostId = hostIds.get(host);
      String hk = host;
      if (hostId == null) {
        hk = host.toLowerCase(Locale.ROOT);
        hostId = hostIds.get(hk);
        if (hostId != null) {
          hostIds.put(host, hostId); // this spelling too, for the next dump
        }
      }
      if (hostId == null) {
        hostId = nextHostId++;
        ins.host.setLong(1, hostId);
        ins.host.setString(2, host);
        ins.host.executeUpdate();
        hostIds.put(hk, hostId);
        hostIds.put(host, hostId);
      }
      String vk = hostId + "\0" + disk;
      Long volumeId = volumeIds.get(vk);
      if (volumeId == null) {
        volumeId = nextVolumeId++;
        ins.volume.setLong(1, volumeId);
        ins.volume.setLong(2, hostId);
        ins.volume.setString(3, disk);
        ins.volume.executeUpdate();
        volumeIds.put(vk, volumeId);
      }
      return volumeId;
    }

    /**
     * The compression suffix from the dump's own tape header when the vtapes are at hand and the
     * tape still holds part 1, else from Amanda's copy of the header in the index directory; null
     * if neither says.
     */
    private String compression(AmandaLogDump d) {
      AmandaLogPart first = firstGoodPart(d);
      if (first != null && first.tapeDatestamp().equals(tapelistNow.get(first.label()))) {
        VtapeLibrary vtapes = vtapes();
        if (vtapes != null) {
          try {
            AmandaFileHeader h =
                AmandaFileHeader.read(vtapes.fileOf(first.label(), first.fileNumber()));
            if (sameDump(h, d)) {
              return h.compSuffix();
            }
          } catch (MissingPartException | AmandaHeaderException e) {
            LOG.debug(
                "no tape header for {}:{} {}: {}",
                d.host(),
                d.disk(),
                d.datestamp(),
                e.getMessage());
          }
        }
      }
      if (source.indexdir() == null) {
        return null;
      }
      Path header =
          source
              .indexdir()
              .resolve(sanitise(d.host()))
              .resolve(sanitise(d.disk()))
              .resolve(d.datestamp() + "_" + d.level() + ".header");
      AmandaFileHeader h = IndexHeaders.read(header);
      return h != null && sameDump(h, d) ? h.compSuffix() : null;
    }

    private VtapeLibrary vtapes() {
      if (source.vtapeRoot() == null || vtapesUnusable) {
        return null;
      }
      if (vtapeLibrary == null) {
        try {
          vtapeLibrary = new VtapeLibrary(source.vtapeRoot());
        } catch (MissingPartException e) {
          vtapesUnusable = true;
          LOG.warn("vtapes not usable for compression lookups: {}", e.getMessage());
          return null;
        }
      }
      return vtapeLibrary;
    }

    /**
     * Looks for every good dump the logs leave on the holding disk on the configured holding disks
     * and records whether it can be read from there: all chunks present, every header naming the
     * dump, the sizes Amanda logged. Runs at every import (the files go away when amflush writes
     * the dump to tape, or when someone deletes them); the logs need not have changed. A chunk
     * chain that is broken is also reported as a problem of this import.
     *
     * @return the number of such dumps, and of those found readable
     */
    int[] checkHoldingDisk(List<LineProblem> problems) throws SQLException {
      record Left(long id, DumpId dump, String serverCrc, long kb) {}
      List<Left> left = new ArrayList<>();
      try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT d.id, h.name, v.name, d.datestamp, d.level, d.server_crc, d.holding_kb"
                      + " FROM dump d JOIN volume v ON v.id = d.volume_id"
                      + " JOIN host h ON h.id = v.host_id"
                      + " WHERE d.on_holding_disk = 1 AND d.status IN ('ok', 'ok-with-warnings')"
                      + " ORDER BY d.id");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          left.add(
              new Left(
                  r.getLong(1),
                  new DumpId(r.getString(2), r.getString(3), r.getString(4), r.getInt(5)),
                  r.getString(6),
                  r.getLong(7)));
        }
      }
      if (left.isEmpty()) {
        return new int[] {0, 0};
      }
      List<Path> dirs = source.holdingDirs();
      int readable = 0;
      try (PreparedStatement clear =
              c.prepareStatement("DELETE FROM holding_chunk WHERE dump_id = ?");
          PreparedStatement chunk =
              c.prepareStatement(
                  "INSERT INTO holding_chunk (dump_id, chunk, path, bytes) VALUES (?, ?, ?, ?)");
          PreparedStatement state =
              c.prepareStatement(
                  "UPDATE dump SET holding_readable = ?, holding_problem = ?,"
                      + " compression = coalesce(compression, ?) WHERE id = ?");
          PreparedStatement problem =
              c.prepareStatement(
                  "INSERT INTO problem (log_file_id, file, line, message) VALUES (NULL, ?, 0,"
                      + " ?)")) {
        for (Left l : left) {
          List<HoldingFiles.Chunk> chunks = List.of();
          String why = null;
          Path first = null;
          try {
            if (dirs.isEmpty()) {
              why =
                  "no holding disk is known to this import (import with --config DIR, or name the"
                      + " holding disk with --holding DIR)";
            } else {
              first = HoldingFiles.find(dirs, l.dump()).orElse(null);
              if (first == null) {
                why =
                    "no file "
                        + HoldingFiles.baseName(l.dump())
                        + " of it on the holding disk "
                        + dirs.stream().map(Path::toString).collect(Collectors.joining(", "))
                        + " (flushed to tape or deleted since the run)";
              } else {
                List<HoldingFiles.Chunk> found = HoldingFiles.chain(first, l.dump(), dirs);
                HoldingFiles.checkSize(
                    found,
                    l.dump(),
                    l.serverCrc() == null ? Crc.UNKNOWN : Crc.parse(l.serverCrc()),
                    l.kb());
                chunks = found;
              }
            }
          } catch (FetchException e) {
            why = e.getMessage();
            String file = first != null ? first.toString() : dirs.get(0).toString();
            String message = why.startsWith(file + ": ") ? why.substring(file.length() + 2) : why;
            problems.add(new LineProblem(file, 0, message));
            problem.setString(1, file);
            problem.setString(2, message);
            problem.executeUpdate();
          }
          clear.setLong(1, l.id());
          clear.executeUpdate();
          int n = 0;
          for (HoldingFiles.Chunk ch : chunks) {
            chunk.setLong(1, l.id());
            chunk.setInt(2, ++n);
            chunk.setString(3, ch.file().toAbsolutePath().normalize().toString());
            chunk.setLong(4, ch.dataBytes());
            chunk.addBatch();
          }
          chunk.executeBatch();
          state.setInt(1, why == null ? 1 : 0);
          state.setString(2, why);
          // The first chunk's header says how the dump was compressed, as a tape header would.
          state.setString(3, chunks.isEmpty() ? null : chunks.get(0).header().compSuffix());
          state.setLong(4, l.id());
          state.executeUpdate();
          if (why == null) {
            readable++;
          } else {
            LOG.info("{} cannot be read from the holding disk: {}", l.dump().describe(), why);
          }
        }
      }
      return new int[] {left.size(), readable};
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

  /** A log file read, hashed and (unless its content is known) parsed, off the main thread. */
  private record Parsed(String sha256, AmandaLog log, List<AmandaLogDump> dumps, String error) {}

  /**
   * Reads and parses candidate log files on worker threads, handing them out in order, with a
   * bounded number in flight so memory stays small.
   */
  private final class ParsePipeline implements AutoCloseable {
    private final java.util.concurrent.ExecutorService pool;
    private final java.util.ArrayDeque<java.util.concurrent.Future<Parsed>> inFlight =
        new java.util.ArrayDeque<>();
    private final java.util.Iterator<LogFileOnDisk> files;
    private final Map<String, KnownLog> known;
    private final int window;

    ParsePipeline(List<LogFileOnDisk> files, Map<String, KnownLog> known) {
      // Parsing is the slower side of an import: one worker per core, the main thread inserts.
      int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      this.pool =
          java.util.concurrent.Executors.newFixedThreadPool(
              workers,
              r -> {
                Thread t = new Thread(r, "catalog-import-parser");
                t.setDaemon(true);
                return t;
              });
      this.files = files.iterator();
      this.known = known;
      this.window = workers * 4;
      fill();
    }

    private void fill() {
      while (inFlight.size() < window && files.hasNext()) {
        LogFileOnDisk f = files.next();
        KnownLog k = known.get(f.name());
        inFlight.add(pool.submit(() -> parse(f, k)));
      }
    }

    Parsed next() {
      java.util.concurrent.Future<Parsed> head = inFlight.poll();
      fill();
      try {
        return head.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CatalogException("import interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    /**
     * Streams the file (never held whole: a log damaged into gigabytes of one line costs no more
     * memory than a good one): a known log is hashed first and only parsed if it changed.
     */
    private Parsed parse(LogFileOnDisk f, KnownLog k) {
      try {
        if (k != null) {
          MessageDigest md = sha256();
          try (InputStream in = new DigestInputStream(Files.newInputStream(f.path()), md)) {
            in.transferTo(OutputStream.nullOutputStream());
          }
          String sha = HexFormat.of().formatHex(md.digest());
          if (k.sha256().equals(sha)) {
            return new Parsed(sha, null, List.of(), null);
          }
        }
        MessageDigest md = sha256();
        AmandaLog log;
        try (InputStream in = new DigestInputStream(Files.newInputStream(f.path()), md)) {
          log = parser.parse(in, f.relPath());
        }
        return new Parsed(HexFormat.of().formatHex(md.digest()), log, log.dumps(), null);
      } catch (IOException e) {
        return new Parsed(null, null, List.of(), e.getMessage());
      }
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** The prepared inserts of one import, batched. */
  private static final class Inserter implements AutoCloseable {
    final PreparedStatement log;
    final PreparedStatement host;
    final PreparedStatement volume;
    final PreparedStatement dump;
    final PreparedStatement part;
    final PreparedStatement problem;
    int pending;

    Inserter(Connection c) throws SQLException {
      log =
          c.prepareStatement(
              "INSERT INTO log_file (id, name, path, size, mtime_ms, sha256, run_datestamp,"
                  + " line_count, problem_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      host = c.prepareStatement("INSERT INTO host (id, name) VALUES (?, ?)");
      volume = c.prepareStatement("INSERT INTO volume (id, host_id, name) VALUES (?, ?, ?)");
      dump =
          c.prepareStatement(
              "INSERT INTO dump (id, volume_id, log_file_id, log_line, datestamp, level, status,"
                  + " part_count, bytes, orig_kb, native_crc, client_crc, server_crc, compression,"
                  + " on_holding_disk, tapes, detail, holding_kb) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      part =
          c.prepareStatement(
              "INSERT INTO part (dump_id, seq, part_number, label, file_number, tape_datestamp,"
                  + " bytes, broken, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      problem =
          c.prepareStatement(
              "INSERT INTO problem (log_file_id, file, line, message) VALUES (?, ?, ?, ?)");
    }

    void flush() throws SQLException {
      dump.executeBatch();
      part.executeBatch();
      problem.executeBatch();
      pending = 0;
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement p : new PreparedStatement[] {log, host, volume, dump, part, problem}) {
        p.close();
      }
    }
  }

  /** The tapes of parts 1..n (the last good PART of each number), as {@link DumpSummary} wants. */
  static String tapes(AmandaLogDump d) {
    int n = d.partCount();
    if (n < 1) {
      return "";
    }
    AmandaLogPart[] byNumber = new AmandaLogPart[n + 1];
    for (AmandaLogPart p : d.parts()) {
      if (!p.broken() && p.partNumber() <= n) {
        byNumber[p.partNumber()] = p;
      }
    }
    List<DumpSummary.TapeRef> refs = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      AmandaLogPart p = byNumber[i];
      if (p == null) {
        return "";
      }
      refs.add(new Ref(p.label(), p.tapeDatestamp()));
    }
    return DumpSummary.tapesOf(refs);
  }

  private record Ref(String label, String tapeDatestamp) implements DumpSummary.TapeRef {}

  private static AmandaLogPart firstGoodPart(AmandaLogDump d) {
    AmandaLogPart first = null;
    for (AmandaLogPart p : d.parts()) {
      if (!p.broken() && p.partNumber() == 1) {
        first = p;
      }
    }
    return first;
  }

  /** The header describes this dump (a reused tape or a stale index file would not). */
  static boolean sameDump(AmandaFileHeader h, AmandaLogDump d) {
    return h.isDump()
        && d.datestamp().equals(h.datestamp())
        && d.host().equals(h.host())
        && d.disk().equals(h.disk())
        && d.level() == h.level();
  }

  /** Amanda's sanitise_filename: '_' becomes "__", '/' and '\' become '_'. */
  static String sanitise(String name) {
    return HoldingFiles.sanitise(name);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String abs(Path p) {
    return p == null ? null : p.toAbsolutePath().normalize().toString();
  }
}
