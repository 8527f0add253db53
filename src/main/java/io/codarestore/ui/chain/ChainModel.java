package io.codarestore.ui.chain;

import io.codarestore.catalog.Catalog;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.catalog.CatalogVolume;
import io.codarestore.catalog.DumpCopies;
import io.codarestore.plan.ChainPlanner;
import io.codarestore.plan.ChainSpace;
import io.codarestore.plan.PlanTarget;
import io.codarestore.plan.RestorePlan;
import io.codarestore.plan.RestorePoint;
import io.codarestore.restore.LinkCheck;
import io.codarestore.restore.SpaceCheck;
import io.codarestore.restore.Workspace;
import io.codarestore.ui.common.Formats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Chain page's state and rules, without a toolkit: the chain the planner gives for the chosen
 * point, the space it needs (the core's {@link ChainSpace}: the chain unpacked less what the
 * workspace cache holds), what the header checks proved about each link, and when the page may be
 * left.
 */
public final class ChainModel {
  /** What the page shows once the chain is computed. */
  public record Chain(
      RestorePlan plan, List<CatalogDump> dumps, ChainSpace space, SpaceCheck.Result free) {
    public Chain {
      dumps = List.copyOf(dumps);
    }
  }

  /** The checks' verdicts, one per link (base to first increment first), and their words. */
  public record Checked(List<LinkState> states, String text, boolean broken) {
    public Checked {
      states = List.copyOf(states);
    }

    /** True if some link could not be checked, so the user must accept the risk. */
    public boolean needsAcceptance() {
      return states.contains(LinkState.UNCHECKED);
    }
  }

  private final ChainPlanner planner;
  private final Path workspace;
  private final Predicate<CatalogDump> cached;

  /**
   * @param workspace the restore workspace, where the dumps are fetched to
   * @param cached whether a dump is already verified in the workspace cache
   */
  public ChainModel(ChainPlanner planner, Path workspace, Predicate<CatalogDump> cached) {
    this.planner = planner;
    this.workspace = workspace;
    this.cached = cached;
  }

  /**
   * The rules for the service's workspace, asking the service which dumps are cached: the Chain
   * page shares the dry run's memory of verified dumps instead of re-reading each one's CRC.
   */
  public static ChainModel forService(io.codarestore.restore.RestoreService service) {
    return new ChainModel(new ChainPlanner(), service.workspace().root(), service::hasVerifiedCopy);
  }

  /** The rules for the restore workspace at {@code root}, as the job sees its cache. */
  public static ChainModel forWorkspace(Path root) {
    Workspace ws = new Workspace(root);
    return new ChainModel(
        new ChainPlanner(),
        root,
        d -> {
          try {
            return ws.verifiedDump(d.host(), d.volume(), d.datestamp(), d.level()).isPresent();
          } catch (IOException e) {
            return false; // an unreadable cache entry is fetched again
          }
        });
  }

  /** Plans the chain for {@code point} and measures its space (off the FX thread). */
  public Chain load(Catalog catalog, CatalogVolume volume, RestorePoint point) throws IOException {
    RestorePlan plan =
        planner.plan(catalog, volume.host(), volume.volume(), PlanTarget.parse(point.target()));
    List<CatalogDump> dumps = DumpCopies.best(catalog.dumps(volume));
    ChainSpace space = ChainSpace.of(plan, cached);
    Files.createDirectories(workspace);
    return new Chain(plan, dumps, space, SpaceCheck.check(workspace, space.needed()));
  }

  /** The space line: what the restore needs in the workspace against what is free there. */
  public static String spaceText(Chain c) {
    ChainSpace s = c.space();
    String cachedPart =
        s.cachedBytes() == 0
            ? ""
            : " (" + Formats.bytes(s.cachedBytes()) + " of it already in the workspace cache)";
    return "Space: the chain is "
        + Formats.bytes(s.nativeBytes())
        + " unpacked"
        + cachedPart
        + "; the restore needs "
        + Formats.bytes(s.needed())
        + " in the workspace "
        + c.free().where()
        + ", which has "
        + Formats.bytes(c.free().free())
        + " free"
        + (c.free().enough() ? "." : " — NOT ENOUGH for the fetched dumps.");
  }

  /** True when the links are worth checking: a restorable chain with at least one increment. */
  public static boolean hasLinks(RestorePlan plan) {
    return plan.restorable() && plan.chain().size() > 1;
  }

  /** One state per link of the chain. */
  public static List<LinkState> all(RestorePlan plan, LinkState state) {
    return new ArrayList<>(Collections.nCopies(Math.max(0, plan.chain().size() - 1), state));
  }

  /** The verdicts of the header checks, in the page's words. */
  public static Checked checked(List<LinkCheck.Link> links) {
    List<LinkState> result = new ArrayList<>();
    StringBuilder b = new StringBuilder("Links checked from the dump headers:");
    for (LinkCheck.Link l : links) {
      LinkState s =
          switch (l.verdict()) {
            case OK -> LinkState.OK;
            case BROKEN -> LinkState.BROKEN;
            default -> LinkState.UNCHECKED;
          };
      result.add(s);
      b.append("\n").append(s.mark()).append(' ').append(l.explanation());
    }
    boolean broken = result.contains(LinkState.BROKEN);
    if (broken) {
      b.append(
          "\nThis chain cannot be restored: a dump is not the one its base needs. Choose"
              + " another date, or check the tapes and the catalog.");
    }
    return new Checked(result, b.toString(), broken);
  }

  /** When the headers could not be read at all: every link unchecked. */
  public static Checked unreadable(RestorePlan plan, String why) {
    return new Checked(
        all(plan, LinkState.UNCHECKED), "The dump headers could not be read: " + why, false);
  }

  /**
   * The page may be left when the chain is restorable, the checks are done, no link is proven
   * wrong, and any unchecked link is accepted.
   */
  public static boolean complete(
      RestorePlan plan, boolean checking, List<LinkState> states, boolean acceptedUnchecked) {
    if (plan == null || !plan.restorable() || checking) {
      return false;
    }
    if (states.contains(LinkState.BROKEN)) {
      return false;
    }
    return !states.contains(LinkState.UNCHECKED) || acceptedUnchecked;
  }
}
