package io.codarestore.restore;

import io.codarestore.amanda.DumpFetcher;
import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Datestamp;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.DumpHeader;
import io.codarestore.plan.ChainLink;
import io.codarestore.plan.RestorePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The restore's link stage: each link of the chain proved (or not) from the dump headers. */
final class LinkStage {
  private final Catalog catalog;
  private final DumpFetcher fetcher;
  private final VerifiedDumps verified;
  private final io.codarestore.core.Cancellation cancel;

  LinkStage(
      Catalog catalog,
      DumpFetcher fetcher,
      VerifiedDumps verified,
      io.codarestore.core.Cancellation cancel) {
    this.catalog = catalog;
    this.fetcher = fetcher;
    this.verified = verified;
    this.cancel = cancel;
  }

  /**
   * Checks every link of the plan's chain from the Coda dump headers (a few hundred bytes at the
   * start of each first part, or the verified cache): the verdict of each link, nothing thrown.
   * When a link does not match its base directly, the headers of the volume's dumps taken between
   * the two are read too (spec 6.2: an increment is relative to the last dump of any level).
   */
  List<LinkCheck.Link> check(RestorePlan plan) {
    List<ChainLink> chain = plan.chain();
    List<LinkCheck.Dump> dumps = new ArrayList<>();
    for (ChainLink l : chain) {
      dumps.add(probe(l.dump()));
    }
    List<List<LinkCheck.Dump>> between = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      between.add(List.of());
    }
    List<LinkCheck.Link> links = LinkCheck.check(dumps, between);
    if (links.stream().allMatch(k -> k.verdict() == LinkCheck.Verdict.OK)) {
      return links;
    }
    List<CatalogDump> history =
        catalog.dumps(catalog.volume(plan.host(), plan.volume()).orElseThrow());
    for (int i = 1; i < chain.size(); i++) {
      List<LinkCheck.Dump> mid = new ArrayList<>();
      ChainLink base = chain.get(i - 1);
      Datestamp from = base.datestamp();
      Datestamp to = chain.get(i).datestamp();
      for (CatalogDump d : history) {
        Datestamp at = d.datestamp();
        boolean inBetween = at.compareTo(from) > 0 && at.compareTo(to) < 0;
        boolean sameRunHigherLevel = at.equals(from) && d.level() > base.level();
        if (inBetween || sameRunHigherLevel) {
          mid.add(probe(d));
        }
      }
      between.set(i, mid);
    }
    return LinkCheck.check(dumps, between);
  }

  private LinkCheck.Dump probe(CatalogDump d) {
    String name = RestoreJob.name(d);
    try {
      Optional<Path> c = verified.of(d);
      if (c.isPresent()) {
        return new LinkCheck.Dump(name, DumpHeader.read(c.get()), null);
      }
      if (!d.availability().readable()) {
        return new LinkCheck.Dump(name, null, d.availability().reason());
      }
      return new LinkCheck.Dump(name, HeaderProbe.read(fetcher, d.toFetchRequest(), cancel), null);
    } catch (io.codarestore.core.Cancellation.CancelledException e) {
      throw e;
    } catch (UserFacingException | IOException e) {
      return new LinkCheck.Dump(name, null, e.getMessage());
    }
  }
}
