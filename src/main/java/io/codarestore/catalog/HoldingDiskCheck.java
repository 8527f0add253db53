package io.codarestore.catalog;

import io.codarestore.amanda.Crc;
import io.codarestore.amanda.DumpId;
import io.codarestore.amanda.FetchException;
import io.codarestore.amanda.HoldingFiles;
import io.codarestore.amanda.LineProblem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for every good dump the logs leave on the holding disk on the configured holding disks and
 * records whether it can be read from there: all chunks present, every header naming the dump, the
 * sizes Amanda logged. Runs at every import (the files go away when amflush writes the dump to
 * tape, or when someone deletes them); the logs need not have changed. A chunk chain that is broken
 * is also reported as a problem of this import.
 */
final class HoldingDiskCheck {
  private static final Logger LOG = LoggerFactory.getLogger(HoldingDiskCheck.class);

  /** How many good dumps the logs leave on the holding disk, and how many of them are readable. */
  record Result(int left, int readable) {}

  private record Left(long id, DumpId dump, String serverCrc, long kb) {}

  /** Where one dump stands: its chunks when readable, else why not. */
  private record Found(List<HoldingFiles.Chunk> chunks, String why) {}

  private final Connection c;
  private final List<Path> dirs;

  HoldingDiskCheck(Connection c, List<Path> holdingDirs) {
    this.c = c;
    this.dirs = holdingDirs;
  }

  Result run(List<LineProblem> problems) throws SQLException {
    List<Left> left = dumpsLeftOnHoldingDisk();
    if (left.isEmpty()) {
      return new Result(0, 0);
    }
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
        Found found = find(l, problems, problem);
        clear.setLong(1, l.id());
        clear.executeUpdate();
        int n = 0;
        for (HoldingFiles.Chunk ch : found.chunks()) {
          chunk.setLong(1, l.id());
          chunk.setInt(2, ++n);
          chunk.setString(3, ch.file().toAbsolutePath().normalize().toString());
          chunk.setLong(4, ch.dataBytes());
          chunk.addBatch();
        }
        chunk.executeBatch();
        state.setInt(1, found.why() == null ? 1 : 0);
        state.setString(2, found.why());
        // The first chunk's header says how the dump was compressed, as a tape header would.
        state.setString(
            3, found.chunks().isEmpty() ? null : found.chunks().get(0).header().compSuffix());
        state.setLong(4, l.id());
        state.executeUpdate();
        if (found.why() == null) {
          readable++;
        } else {
          LOG.info("{} cannot be read from the holding disk: {}", l.dump().describe(), found.why());
        }
      }
    }
    return new Result(left.size(), readable);
  }

  private List<Left> dumpsLeftOnHoldingDisk() throws SQLException {
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
    return left;
  }

  /** Finds one dump's chunk chain; a broken chain is also recorded as a problem of the import. */
  private Found find(Left l, List<LineProblem> problems, PreparedStatement problem)
      throws SQLException {
    if (dirs.isEmpty()) {
      return new Found(
          List.of(),
          "no holding disk is known to this import (import with --config DIR, or name the"
              + " holding disk with --holding DIR)");
    }
    Path first = null;
    try {
      first = HoldingFiles.find(dirs, l.dump()).orElse(null);
      if (first == null) {
        return new Found(
            List.of(),
            "no file "
                + HoldingFiles.baseName(l.dump())
                + " of it on the holding disk "
                + dirs.stream().map(Path::toString).collect(Collectors.joining(", "))
                + " (flushed to tape or deleted since the run)");
      }
      List<HoldingFiles.Chunk> found = HoldingFiles.chain(first, l.dump(), dirs);
      HoldingFiles.checkSize(
          found, l.dump(), l.serverCrc() == null ? Crc.UNKNOWN : Crc.parse(l.serverCrc()), l.kb());
      return new Found(found, null);
    } catch (FetchException e) {
      String why = e.getMessage();
      String file = first != null ? first.toString() : dirs.get(0).toString();
      String message = why.startsWith(file + ": ") ? why.substring(file.length() + 2) : why;
      problems.add(new LineProblem(file, 0, message));
      problem.setString(1, file);
      problem.setString(2, message);
      problem.executeUpdate();
      return new Found(List.of(), why);
    }
  }
}
