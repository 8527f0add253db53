package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.codarestore.amanda.DumpStatus;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Cancellation;
import io.codarestore.core.Datestamp;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.RealFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path tmp;

  @Test
  void onlyVerifiedUnchangedDumpsAreReused() throws Exception {
    Workspace ws = new Workspace(tmp);
    Path d = ws.cachedDump("localhost", "u.alice", Datestamp.parse("20240305070000"), 1);
    assertThat(ws.verifiedDump("localhost", "u.alice", Datestamp.parse("20240305070000"), 1))
        .isEmpty();
    Files.createDirectories(d.getParent());
    Files.writeString(d, "dump bytes");
    assertThat(ws.verifiedDump("localhost", "u.alice", Datestamp.parse("20240305070000"), 1))
        .as("no sidecar yet")
        .isEmpty();
    ws.markVerified(d);
    assertThat(ws.verifiedDump("localhost", "u.alice", Datestamp.parse("20240305070000"), 1))
        .contains(d);
    Files.writeString(d, "dump bytes, but changed");
    assertThat(ws.verifiedDump("localhost", "u.alice", Datestamp.parse("20240305070000"), 1))
        .as("content changed")
        .isEmpty();
  }

  @Test
  void namesCannotEscapeTheWorkspace() {
    Workspace ws = new Workspace(tmp);
    Path d = ws.cachedDump("..", "../../etc", Datestamp.parse("20240305"), 0);
    assertThat(d.normalize().startsWith(tmp)).isTrue();
    assertThat(d.getParent().getParent().getParent()).isEqualTo(tmp.resolve("cache"));
  }

  private static CatalogDump dump(String datestamp, int level) {
    return new CatalogDump(
        level,
        "localhost",
        "dumpfix",
        Datestamp.parse(datestamp),
        level,
        DumpStatus.OK,
        1,
        1,
        1,
        null,
        null,
        null,
        "N",
        false,
        null,
        "log",
        1,
        List.of(),
        null);
  }

  @Test
  void theTreeOfACachedChainIsTheTreeOfCodasOwnMerge() throws Exception {
    Assumptions.assumeTrue(RealFixtures.available(), "needs ../shared/fixtures/coda-real");
    Workspace ws = new Workspace(tmp);
    List<CatalogDump> chain =
        List.of(dump("20240301000000", 0), dump("20240302000000", 1), dump("20240303000000", 2));
    String[] files = {"dumpfix-B0-full.dump", "dumpfix-B1-incr-l1.dump", "dumpfix-B2-incr-l2.dump"};
    Cancellation none = Cancellation.none();
    for (int i = 0; i < 2; i++) {
      CatalogDump d = chain.get(i);
      Path c = ws.cachedDump(d.host(), d.volume(), d.datestamp(), d.level());
      Files.createDirectories(c.getParent());
      Files.copy(RealFixtures.dump(files[i]), c);
      ws.markVerified(c);
    }
    assertThat(ws.cachedChainListing(chain, none)).as("one dump not in the cache").isEmpty();

    CatalogDump last = chain.get(2);
    Path c = ws.cachedDump(last.host(), last.volume(), last.datestamp(), last.level());
    Files.copy(RealFixtures.dump(files[2]), c);
    ws.markVerified(c);
    DumpListing listing = ws.cachedChainListing(chain, none).orElseThrow();
    DumpListing coda = DumpListing.read(RealFixtures.merged("B0+B1+B2.dump"), none);
    assertThat(listing.entries()).isNotEmpty().isEqualTo(coda.entries());
    assertThat(listing.orphans()).isEqualTo(coda.orphans());
  }
}
