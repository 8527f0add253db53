package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test suite's directory builder reproduces directories written by a real Coda server byte for
 * byte: for a directory that never lost an entry, inserting its names in blob order (the order they
 * were created) must give the server's pages exactly.
 */
class RealDirectoryRebuildTest {
  private record Named(int blob, byte[] name, int vnode, int uniq) {}

  @Test
  void builderReproducesRealDirectoriesOfTheFullDump() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    int same = 0;
    int total = 0;
    List<String> differing = new ArrayList<>();
    for (String dump : List.of("dumpfix-B0-full.dump", "dumpfix-A0-full.dump")) {
      Path p = RealFixtures.dump(dump);
      try (DumpReader r = DumpReader.open(p)) {
        r.nextIndex();
        IndexEntry e;
        while ((e = r.nextEntry()) != null) {
          IndexEntry.Vnode v = (IndexEntry.Vnode) e;
          byte[] pages = r.directoryPages();
          List<Named> names = chainWalk(pages);
          names.sort(Comparator.comparingInt(Named::blob));
          Named dot = names.get(0);
          Named dotdot = names.get(1);
          assertThat(new String(dot.name())).isEqualTo(".");
          assertThat(new String(dotdot.name())).isEqualTo("..");
          CraftedDirectory d =
              CraftedDirectory.make(dot.vnode(), dot.uniq(), dotdot.vnode(), dotdot.uniq());
          for (Named n : names.subList(2, names.size())) {
            d.add(n.name(), n.vnode(), n.uniq());
          }
          total++;
          if (java.util.Arrays.equals(d.pages(), pages)) {
            same++;
          } else {
            differing.add(dump + " " + v.record().fid());
          }
        }
      }
    }
    assertThat(total).isGreaterThanOrEqualTo(8);
    assertThat(differing).as("directories not rebuilt byte for byte").isEmpty();
    assertThat(same).isEqualTo(total);
  }

  private static List<Named> chainWalk(byte[] p) {
    List<Named> out = new ArrayList<>();
    for (int bucket = 0; bucket < 128; bucket++) {
      int blob = ((p[160 + 2 * bucket] & 0xFF) << 8) | (p[161 + 2 * bucket] & 0xFF);
      while (blob != 0) {
        int off = blob * 32;
        int end = off + 12;
        while (p[end] != 0) {
          end++;
        }
        byte[] name = java.util.Arrays.copyOfRange(p, off + 12, end);
        out.add(new Named(blob, name, i32(p, off + 4), i32(p, off + 8)));
        blob = ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
      }
    }
    return out;
  }

  private static int i32(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
