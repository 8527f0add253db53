package io.codarestore.dump;

import io.codarestore.core.UserFacingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a merge's name check ({@link MergedNames}): a merged dump needs its root directory,
 * and a directory entry that resolves to no vnode means a name the restored volume loses, almost
 * always because the base does not belong to the increments. The names and their paths are found
 * only then, by reading the written directories' pages again.
 */
final class LostNames {
  /** At most this many lost paths are named. */
  static final int NAMED = 100;

  private record Lost(long directory, DirectoryEntry entry) {}

  private final List<MergeInput> inputs;
  private final MergedNames names;
  private final Map<Long, Long> parents = new HashMap<>();
  private final Map<Long, Long> places = new HashMap<>();
  private final Map<Long, String> paths = new HashMap<>();
  private final List<Lost> lost = new ArrayList<>();
  private long count;

  private LostNames(List<MergeInput> inputs, MergedNames names) {
    this.inputs = inputs;
    this.names = names;
  }

  /**
   * Checks the names of the merged output: throws without a root directory, and when entries dangle
   * and {@code fail}; otherwise returns the warning naming how many names and which paths are lost.
   */
  static Optional<String> check(List<MergeInput> inputs, MergedNames names, boolean fail) {
    String base = inputs.get(0).name;
    if (!names.hasRoot()) {
      throw new UserFacingException(
          "the merged dump would have no root directory (vnode 1.1): " + base + " lacks it");
    }
    if (!names.anyDangling()) {
      return Optional.empty();
    }
    LostNames l = new LostNames(inputs, names);
    l.readDirectories();
    List<String> named = new ArrayList<>();
    for (Lost x : l.lost) {
      named.add(
          l.path(x.directory(), 0)
              + "/"
              + SafeName.of(x.entry().name()).name()
              + " ("
              + Fid.text(x.entry().fidKey())
              + ")");
    }
    String list =
        String.join(", ", named)
            + (l.count > named.size() ? " and " + (l.count - named.size()) + " more" : "");
    String why =
        " directory entries of the merged dump point at vnodes that no input holds: "
            + base
            + " is likely the wrong base for "
            + (inputs.size() == 2 ? inputs.get(1).name : "these incrementals")
            + " (a full dump of an earlier chain, or a level skipped)";
    if (fail) {
      throw new UserFacingException(
          l.count
              + why
              + "; nothing was written (--allow-dangling writes it anyway, without those names)."
              + " Lost: "
              + list);
    }
    return Optional.of(l.count + " names are lost:" + why + ". Lost paths: " + list);
  }

  /** Reads every written directory again: the lost names, and which directory names which. */
  private void readDirectories() {
    names.forEachDirectory(
        (dir, where) -> {
          places.put(dir, where);
          for (DirectoryEntry e : entries(where)) {
            if (e.isDotOrDotDot()) {
              continue;
            }
            if (!names.isPresent(e.fidKey())) {
              count++;
              if (lost.size() < NAMED) {
                lost.add(new Lost(dir, e));
              }
            } else if ((e.vnode() & 1) == 1) {
              parents.putIfAbsent(e.fidKey(), dir);
            }
          }
        });
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
    if (parent != null && depth < 256 && places.containsKey(parent)) {
      for (DirectoryEntry n : entries(places.get(parent))) {
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
  private List<DirectoryEntry> entries(long where) {
    MergeInput in = inputs.get((int) (where & 0x3F));
    in.meta.vnodeAt(where >>> 6, VnodeClass.LARGE);
    try {
      return DirectoryPages.entries(in.meta.directoryPages());
    } catch (DirectoryPages.DirectoryFormatException e) {
      return List.of(); // the scan checked these pages
    }
  }
}
