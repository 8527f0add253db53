package io.codarestore.dump;

import java.util.ArrayList;
import java.util.List;

/**
 * A directory's access list in Coda's external text form: {@code "<nplus>\n<nminus>\n"} then one
 * {@code "<name>\t<rights>\n"} line per entry, positive entries first (spec 4.5).
 */
public record Acl(List<Entry> positive, List<Entry> negative) {
  public Acl {
    positive = List.copyOf(positive);
    negative = List.copyOf(negative);
  }

  /** One entry: a user or group name and its rights bit mask. */
  public record Entry(String name, int rights) {
    /** The rights as Coda's letters, e.g. "rlidwka". */
    public String letters() {
      return Acl.letters(rights);
    }
  }

  private static final int[] BITS = {1, 8, 4, 16, 2, 32, 64};
  private static final char[] LETTERS = {'r', 'l', 'i', 'd', 'w', 'k', 'a'};

  /** Rights letters in Coda's order ({@code cfs la}): r l i d w k a. */
  public static String letters(int rights) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < BITS.length; i++) {
      if ((rights & BITS[i]) != 0) {
        b.append(LETTERS[i]);
      }
    }
    return b.toString();
  }

  /** Parses the ACL text; throws IllegalArgumentException with the problem. */
  public static Acl parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 2) {
      throw new IllegalArgumentException("ACL text lacks the two entry counts");
    }
    int plus = count(lines[0]);
    int minus = count(lines[1]);
    if (lines.length < 2 + plus + minus) {
      throw new IllegalArgumentException(
          "ACL announces " + (plus + minus) + " entries but has fewer lines");
    }
    List<Entry> pos = new ArrayList<>();
    List<Entry> neg = new ArrayList<>();
    for (int i = 0; i < plus + minus; i++) {
      String line = lines[2 + i];
      int tab = line.lastIndexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException("ACL entry '" + line + "' is not 'name<TAB>rights'");
      }
      Entry e = new Entry(line.substring(0, tab), count(line.substring(tab + 1)));
      (i < plus ? pos : neg).add(e);
    }
    return new Acl(pos, neg);
  }

  private static int count(String s) {
    try {
      int v = Integer.parseInt(s.strip());
      if (v < 0 || v > 100_000) {
        throw new IllegalArgumentException("ACL number " + s + " out of range");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ACL number '" + s + "' is not a number", e);
    }
  }

  /** The external text form again. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(positive.size()).append('\n').append(negative.size()).append('\n');
    for (Entry e : positive) {
      b.append(e.name()).append('\t').append(e.rights()).append('\n');
    }
    for (Entry e : negative) {
      b.append(e.name()).append('\t').append(e.rights()).append('\n');
    }
    return b.toString();
  }
}
