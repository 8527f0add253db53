package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The read-write rewrite, field by field against shared/spec/coda-rw-promotion.md. */
class ReadWritePromotionTest {
  private static byte[] merge(UnaryOperator<VolumeDiskData> change) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ChainMerger(ProgressListener.NONE, Cancellation.none())
        .merge(
            List.of(
                RealFixtures.dump("dumpfix-B0-full.dump"),
                RealFixtures.dump("dumpfix-B1-incr-l1.dump")),
            out,
            change);
    return out.toByteArray();
  }

  @Test
  void onlyTypeAndParentChange() {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    byte[] plain = merge(UnaryOperator.identity());
    byte[] promoted = merge(new ReadWritePromotion(0x1000099));
    assertThat(promoted).hasSameSizeAs(plain);

    DumpReader a = new DumpReader(new ByteArrayInputStream(plain), "plain");
    DumpReader b = new DumpReader(new ByteArrayInputStream(promoted), "promoted");
    assertThat(b.header()).isEqualTo(a.header());
    VolumeDiskData before = a.volumeData();
    VolumeDiskData after = b.volumeData();
    assertThat(before.type()).isEqualTo(VolumeType.BACKVOL.code());
    assertThat(after.type()).isEqualTo(VolumeType.NONREPVOL.code());
    assertThat(after.parentId()).isEqualTo(0x1000099);
    assertThat(after.groupId()).isEqualTo(before.groupId());
    assertThat(after).isEqualTo(before.withTypeAndParent(4, 0x1000099));

    // Byte level: exactly the type byte and the 4 parent-id bytes differ.
    int diffs = 0;
    for (int i = 0; i < plain.length; i++) {
      if (plain[i] != promoted[i]) {
        diffs++;
      }
    }
    assertThat(diffs).isBetween(2, 5);
  }

  @Test
  void typesTheServerDoesNotRestoreSanelyAreRefused() {
    for (int bad : new int[] {0, 3, 5, 255}) {
      assertThatThrownBy(() -> ReadWritePromotion.checkRestorable(bad))
          .isInstanceOf(ChainRefusedException.class)
          .hasMessageContaining("volume type is " + bad);
    }
    for (int ok : new int[] {1, 2, 4}) {
      ReadWritePromotion.checkRestorable(ok);
    }
  }

  @Test
  void aReadWriteRestoreNeedsAnId() {
    assertThatThrownBy(() -> new ReadWritePromotion(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
