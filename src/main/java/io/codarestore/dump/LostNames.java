package io.codarestore.dump;

import io.codarestore.core.UserFacingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end of a merge's name check ({@link MergedNames}): a merged dump needs its root directory,
 * and a directory entry that resolves to no vnode means a name the restored volume loses, almost
 * always because the base does not belong to the increments. The paths are found only then, by
 * reading again the pages of the few directories concerned.
 */
final class LostNames {
  /** At most this many lost paths are named. */
  static final int NAMED = 100;

  private final List<MergeInput> inputs;
  private final Map<Long, Long> parents;
  private final Map<Long, long[]> places;
  private final Map<Long, String> paths = new HashMap<>();

  private LostNames(List<MergeInput> inputs, MergedNames names) {
    this.inputs = inputs;
    this.parents = names.directoryParents();
    this.places = names.directoryPlaces();
  }

  /**
   * Checks the names of the merged output: throws without a root directory, and when entries
   * dangle and {@code fail}; otherwise returns the warning naming how many names and which paths
   * are lost.
   */
  static Optional<String> check(List<MergeInput> inputs, MergedNames names, boolean fail) {
    String base = inputs.get(0).name;
    if (!names.hasRoot()) {
      throw new UserFacingException(
          "the merged dump would have no root directory (vnode 1.1): " + base + " lacks it");
    }
    List<MergedNames.Dangling> lost = names.dangling();
    if (lost.isEmpty()) {
      return Optional.empty();
    }
    List<String> named = new LostNames(inputs, names).paths(lost);
    String list =
        String.join(", ", named)
            + (lost.size() > named.size() ? " and " + (lost.size() - named.size()) + " more" : "");
    String why =
        " directory entries of the merged dump point at vnodes that no input holds: "
            + base
            + " is likely the wrong base for "
            + (inputs.size() == 2 ? inputs.get(1).name : "these incrementals")
            + " (a full dump of an earlier chain, or a level skipped)";
    if (fail) {
      throw new UserFacingException(
          lost.size()
              + why
              + "; nothing was written (--allow-dangling writes it anyway, without those names)."
              + " Lost: "
              + list);
    }
    return Optional.of(lost.size() + " names are lost:" + why + ". Lost paths: " + list);
  }

  /** The paths of the first {@link #NAMED} lost names, directory by directory. */
  private List<String> paths(List<MergedNames.Dangling> lost) {
    Map<Long, Set<Long>> byDirectory = new LinkedHashMap<>();
    for (MergedNames.Dangling d : lost) {
      byDirectory.computeIfAbsent(d.directory(), k -> new HashSet<>()).add(d.child());
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<Long, Set<Long>> e : byDirectory.entrySet()) {
      String dir = path(e.getKey(), 0);
      for (DirectoryEntry n : entries(e.getKey())) {
        if (out.size() < NAMED && !n.isDotOrDotDot() && e.getValue().contains(n.fidKey())) {
          out.add(dir + "/" + SafeName.of(n.name()).name() + " (" + Fid.text(n.fidKey()) + ")");
        }
      }
    }
    return out;
  }

  /** The path of a written directory ("" for the root), or a fid where its parents are unknown. */
  private String path(long dir, int depth) {
    if (dir == Fid.key(1, 1)) {
      return "";
    }
    String known = paths.get(dir);
    if (known != null) {
      return known;
    }
    Long parent = parents.get(dir);
    String p = "[" + Fid.text(dir) + "]";
    if (parent != null && depth < 256) {
      for (DirectoryEntry n : entries(parent)) {
        if (!n.isDotOrDotDot() && n.fidKey() == dir) {
          p = path(parent, depth + 1) + "/" + SafeName.of(n.name()).name();
          break;
        }
      }
    }
    paths.put(dir, p);
    return p;
  }

  /** The entries of a written directory, read again from its input. */
  private List<DirectoryEntry> entries(long dir) {
    long[] at = places.get(dir);
    if (at == null) {
      return List.of();
    }
    MergeInput in = inputs.get((int) at[0]);
    in.meta.vnodeAt(at[1], VnodeClass.LARGE);
    try {
      return DirectoryPages.entries(in.meta.directoryPages());
    } catch (DirectoryPages.DirectoryFormatException e) {
      return List.of(); // the scan checked these pages
    }
  }
}
