package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The merge's compact fid set agrees with a plain set, for dense, sparse and absurd fids. */
class MergedNamesTest {
  @Test
  void fidSetAgreesWithAHashSet() {
    Random r = new Random(14);
    MergedNames.FidSet set = new MergedNames.FidSet();
    Set<Long> plain = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long vnode;
      int uniq;
      switch (r.nextInt(5)) {
        case 0 -> vnode = 1 + r.nextInt(50_000); // dense, both classes
        case 1 -> vnode = 1 + (r.nextLong() & 0xFFFFFFFFL) % 0xFFFFFFFFL; // anywhere
        case 2 -> vnode = 0;
        default -> vnode = 1 + r.nextInt(2_000);
      }
      uniq = r.nextInt(4) == 0 ? 0 : r.nextInt(3) == 0 ? r.nextInt() : 1 + r.nextInt(3);
      long key = Fid.key((int) vnode, uniq);
      assertThat(set.contains(vnode, uniq)).isEqualTo(plain.contains(key));
      assertThat(set.add(vnode, uniq)).isEqualTo(plain.add(key));
      assertThat(set.contains(vnode, uniq)).isTrue();
    }
    Set<Long> visited = new HashSet<>();
    set.forEach(k -> assertThat(visited.add(k)).isTrue());
    assertThat(visited).isEqualTo(plain);
  }

  @Test
  void aNameIsDanglingUntilItsVnodeIsWritten() {
    MergedNames n = new MergedNames();
    byte[] root = CraftedDirectory.root().add("a", 2, 2).add("b", 4, 3).pages();
    n.scanned(0, 100, root);
    assertThat(n.emitted(VnodeClass.LARGE, 1, 1, 0, 100)).isTrue();
    assertThat(n.emitted(VnodeClass.LARGE, 1, 1, 0, 100)).as("twice").isFalse();
    n.directoriesDone();
    assertThat(n.hasRoot()).isTrue();
    assertThat(n.anyDangling()).isTrue();
    n.emitted(VnodeClass.SMALL, 2, 2, 0, 200);
    assertThat(n.anyDangling()).isTrue();
    n.emitted(VnodeClass.SMALL, 4, 4, 0, 300); // another uniquifier: not the named vnode
    assertThat(n.anyDangling()).isTrue();
    n.emitted(VnodeClass.SMALL, 4, 3, 0, 400);
    assertThat(n.anyDangling()).isFalse();
  }
}
