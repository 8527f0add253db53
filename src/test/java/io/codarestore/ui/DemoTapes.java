package io.codarestore.ui;

import io.codarestore.core.Datestamp;
import io.codarestore.restore.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The demo's vtapes once unpacked (see demo-truth/dumps.txt): what a test does to them to make a
 * tape go missing or hold another dump than the catalog says.
 */
final class DemoTapes {
  private final Path vtapes;

  DemoTapes(AppDirectories dirs) {
    this.vtapes = dirs.demo().resolve("vtapes");
  }

  /** coda.root's level 1 of 7 March (the head of its newest chain): CODA-05, file 3. */
  Path codaRootHead() {
    return vtapes.resolve("slot5").resolve("00003.localhost.coda.root.1");
  }

  /** coda.root's level 1 of 5 March, taken against the (overwritten) full dump of 1 March. */
  Path codaRootOldIncremental() {
    return vtapes.resolve("slot3").resolve("00002.localhost.coda.root.1");
  }

  /** The last of the three parts of coda.root's full dump of 6 March (the base): CODA-04. */
  Path codaRootBaseLastPart() {
    return vtapes.resolve("slot4").resolve("00003.localhost.coda.root.0");
  }

  /** Cuts the base's last part short (a damaged tape file); returns a copy of it as it was. */
  Path damageBase(Path copy) throws IOException {
    Files.copy(codaRootBaseLastPart(), copy);
    try (var ch =
        java.nio.channels.FileChannel.open(
            codaRootBaseLastPart(), java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    return copy;
  }

  void repairBase(Path copy) throws IOException {
    Files.copy(copy, codaRootBaseLastPart(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Takes the head's tape file away (as if the tape were lost); returns where it was put. */
  Path hideHead(Path aside) throws IOException {
    return Files.move(codaRootHead(), aside);
  }

  void putBackHead(Path aside) throws IOException {
    Files.move(aside, codaRootHead());
  }

  /**
   * Puts the 5 March incremental into the restore workspace's cache as if it were the 7 March one
   * (checksummed, so the cache trusts it): a dump of the right volume and level, but taken against
   * another base. Only the Coda dump header can tell, and the link check reads it from the cache.
   */
  void cacheOldIncrementalAsHead(AppDirectories dirs) throws IOException {
    Workspace ws = new Workspace(dirs.defaultWorkspace());
    Path cached =
        ws.cachedDump("localhost", "coda.root", Datestamp.parse(DemoFacts.CODA_ROOT_HEAD), 1);
    Files.createDirectories(cached.getParent());
    try (InputStream in = Files.newInputStream(codaRootOldIncremental())) {
      in.skipNBytes(32 * 1024); // the Amanda file header
      try (InputStream gz = new GZIPInputStream(in)) {
        Files.copy(gz, cached);
      }
    }
    ws.markVerified(cached);
  }
}
