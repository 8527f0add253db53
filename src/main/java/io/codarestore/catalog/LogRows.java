package io.codarestore.catalog;

import io.codarestore.amanda.AmandaLog;
import io.codarestore.amanda.AmandaLogDump;
import io.codarestore.amanda.AmandaLogPart;
import io.codarestore.amanda.LineProblem;
import io.codarestore.catalog.LogDirectory.LogFileOnDisk;
import io.codarestore.core.Datestamp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the rows of parsed run logs: the log file, its problems, its dumps and their parts, and
 * the hosts and volumes they name. Ids are assigned here (one import is one writer), and the
 * inserts are batched.
 */
final class LogRows implements AutoCloseable {
  private static final int BATCH_ROWS = 4096;

  private final PreparedStatement log;
  private final PreparedStatement host;
  private final PreparedStatement volume;
  private final PreparedStatement dump;
  private final PreparedStatement part;
  private final PreparedStatement problem;
  private final CompressionLookup compression;
  private final Map<String, Long> hostIds = new HashMap<>();
  private final Map<String, Long> volumeIds = new HashMap<>();
  private long nextLogId;
  private long nextDumpId;
  private long nextHostId;
  private long nextVolumeId;
  private int pending;

  LogRows(Connection c, CompressionLookup compression) throws SQLException {
    this.compression = compression;
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
    loadIds(c);
  }

  private void loadIds(Connection c) throws SQLException {
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

  /** Inserts one parsed log with its problems and dumps; returns the number of dumps. */
  int insert(LogFileOnDisk f, String sha, AmandaLog parsed, List<AmandaLogDump> dumps)
      throws SQLException {
    long logId = nextLogId++;
    log.setLong(1, logId);
    log.setString(2, f.name());
    log.setString(3, f.relPath());
    log.setLong(4, f.size());
    log.setLong(5, f.mtimeMs());
    log.setString(6, sha);
    log.setString(7, parsed.runDatestamp());
    log.setInt(8, parsed.lineCount());
    log.setInt(9, parsed.problems().size());
    log.executeUpdate();
    for (LineProblem pr : parsed.problems()) {
      problem.setLong(1, logId);
      problem.setString(2, pr.file());
      problem.setInt(3, pr.line());
      problem.setString(4, pr.message());
      problem.addBatch();
    }
    for (AmandaLogDump d : dumps) {
      insertDump(logId, d);
      pending += 1 + d.parts().size();
      if (pending >= BATCH_ROWS) {
        flush();
      }
    }
    return dumps.size();
  }

  private void insertDump(long logId, AmandaLogDump d) throws SQLException {
    long volumeId = volumeId(d.host(), d.disk());
    long dumpId = nextDumpId++;
    PreparedStatement q = dump;
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
    q.setString(14, compression.of(d));
    q.setInt(15, d.onHoldingDisk() ? 1 : 0);
    q.setString(16, tapes(d));
    q.setString(17, d.detail());
    q.setLong(18, d.holdingKb());
    q.addBatch();
    int seq = 0;
    for (AmandaLogPart p : d.parts()) {
      part.setLong(1, dumpId);
      part.setInt(2, seq++);
      part.setInt(3, p.partNumber());
      part.setString(4, p.label());
      part.setInt(5, p.fileNumber());
      part.setString(6, p.tapeDatestamp());
      part.setLong(7, p.bytes());
      part.setInt(8, p.broken() ? 1 : 0);
      part.setString(9, p.error());
      part.addBatch();
    }
  }

  private long volumeId(String hostName, String disk) throws SQLException {
    Long hostId = hostIds.get(hostName);
    String hk = hostName;
    if (hostId == null) {
      hk = hostName.toLowerCase(Locale.ROOT);
      hostId = hostIds.get(hk);
      if (hostId != null) {
        hostIds.put(hostName, hostId); // this spelling too, for the next dump
      }
    }
    if (hostId == null) {
      hostId = nextHostId++;
      host.setLong(1, hostId);
      host.setString(2, hostName);
      host.executeUpdate();
      hostIds.put(hk, hostId);
      hostIds.put(hostName, hostId);
    }
    String vk = hostId + "\0" + disk;
    Long volumeId = volumeIds.get(vk);
    if (volumeId == null) {
      volumeId = nextVolumeId++;
      volume.setLong(1, volumeId);
      volume.setLong(2, hostId);
      volume.setString(3, disk);
      volume.executeUpdate();
      volumeIds.put(vk, volumeId);
    }
    return volumeId;
  }

  /** Sends the batched rows (before a delete that must see them, and at the end). */
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

  /**
   * The tapes of parts 1..n (the last good PART of each number), as {@link CatalogDumpSummary}
   * wants.
   */
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
    List<CatalogDumpSummary.TapeRef> refs = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      AmandaLogPart p = byNumber[i];
      if (p == null) {
        return "";
      }
      refs.add(new Ref(p.label(), Datestamp.parse(p.tapeDatestamp())));
    }
    return CatalogDumpSummary.tapesOf(refs);
  }

  private record Ref(String label, Datestamp tapeDatestamp) implements CatalogDumpSummary.TapeRef {}
}
