package io.codarestore.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.RealFixtures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The uniquifier continuity rule on the headers of real Coda dumps (fixtures README). */
class LinkCheckTest {
  static LinkCheck.Dump a0;
  static LinkCheck.Dump a1;
  static LinkCheck.Dump b0;
  static LinkCheck.Dump b1;
  static LinkCheck.Dump b2;
  static LinkCheck.Dump b2c;

  @BeforeAll
  static void headers() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    a0 = dump("dumpfix-A0-full.dump");
    a1 = dump("dumpfix-A1-incr-l1.dump");
    b0 = dump("dumpfix-B0-full.dump");
    b1 = dump("dumpfix-B1-incr-l1.dump");
    b2 = dump("dumpfix-B2-incr-l2.dump");
    b2c = dump("dumpfix-B2c-incr-l1-cumulative.dump");
  }

  static LinkCheck.Dump dump(String name) throws Exception {
    return new LinkCheck.Dump(name, DumpHeader.read(RealFixtures.dump(name)), null);
  }

  @Test
  void consecutiveDumpsLink() {
    List<LinkCheck.Link> links =
        LinkCheck.check(List.of(b0, b1, b2), List.of(List.of(), List.of(), List.of()));
    assertThat(links)
        .extracting(LinkCheck.Link::verdict)
        .containsExactly(LinkCheck.Verdict.OK, LinkCheck.Verdict.OK);
  }

  @Test
  void anIncrementTakenAfterAnIntermediateDumpLinksThroughIt() {
    // B2c (level 1) was taken after B2 was marked: oldest 253 = B2's latest, not B0's 197.
    List<LinkCheck.Link> links =
        LinkCheck.check(List.of(b0, b2c), List.of(List.of(), List.of(b1, b2)));
    assertThat(links.get(0).verdict()).isEqualTo(LinkCheck.Verdict.OK);
    assertThat(links.get(0).explanation()).contains("dumpfix-B2-incr-l2.dump").contains("253");
  }

  @Test
  void withoutTheIntermediateDumpsTheLinkIsBroken() {
    List<LinkCheck.Link> links = LinkCheck.check(List.of(b0, b2c), List.of(List.of(), List.of()));
    assertThat(links.get(0).verdict()).isEqualTo(LinkCheck.Verdict.BROKEN);
    assertThat(links.get(0).explanation()).contains("253").contains("197").contains("another base");
  }

  @Test
  void anUnreadableIntermediateDumpMakesTheLinkUnchecked() {
    LinkCheck.Dump gone = new LinkCheck.Dump("B2 on CODA-03", null, "tape CODA-03 overwritten");
    List<LinkCheck.Link> links =
        LinkCheck.check(List.of(b0, b2c), List.of(List.of(), List.of(b1, gone)));
    assertThat(links.get(0).verdict()).isEqualTo(LinkCheck.Verdict.UNCHECKED);
  }

  @Test
  void anIncrementOfAnOlderBaseIsBroken() {
    // A1 was taken against A0 (111); B0 is at 197.
    List<LinkCheck.Link> links = LinkCheck.check(List.of(b0, a1), List.of(List.of(), List.of()));
    assertThat(links.get(0).verdict()).isEqualTo(LinkCheck.Verdict.BROKEN);
    assertThat(links.get(0).explanation()).contains("older base");
  }

  @Test
  void anUnreadableHeaderIsUncheckedNotBroken() {
    LinkCheck.Dump unreadable = new LinkCheck.Dump("B1 on CODA-02", null, "part file missing");
    List<LinkCheck.Link> links =
        LinkCheck.check(List.of(b0, unreadable), List.of(List.of(), List.of()));
    assertThat(links.get(0).verdict()).isEqualTo(LinkCheck.Verdict.UNCHECKED);
    assertThat(links.get(0).explanation()).contains("part file missing");
  }

  @Test
  void levelsMustRise() {
    List<LinkCheck.Link> links =
        LinkCheck.check(List.of(a0, a1, a1), List.of(List.of(), List.of(), List.of()));
    assertThat(links.get(1).verdict()).isEqualTo(LinkCheck.Verdict.BROKEN);
    assertThat(links.get(1).explanation()).contains("levels must rise");
  }
}
