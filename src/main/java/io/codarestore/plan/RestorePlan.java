package io.codarestore.plan;

import java.util.List;

/**
 * The plan for restoring one volume to a target: the chain base first, whether all of it can be
 * read, what breaks it, the nearest restorable points around the target, and the tapes to load in
 * reading order.
 *
 * @param chain base (level 0) first; empty if no good dump is at or before the target
 * @param gap what makes the plan not restorable, or null if it is restorable
 * @param nearestBefore the newest restorable point older than the chain's head, when not restorable
 * @param nearestAfter the oldest restorable point after the target, when not restorable
 * @param media tape labels in the order the chain reads them, each once
 * @param skipped failed or partial dumps newer than the head and at or before the target
 */
public record RestorePlan(
    String host,
    String volume,
    PlanTarget target,
    boolean restorable,
    List<ChainLink> chain,
    ChainGap gap,
    RestorePoint nearestBefore,
    RestorePoint nearestAfter,
    List<String> media,
    List<SkippedDump> skipped) {
  public RestorePlan {
    chain = List.copyOf(chain);
    media = List.copyOf(media);
    skipped = List.copyOf(skipped);
  }
}
