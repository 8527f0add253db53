package io.codarestore.restore;

import io.codarestore.dump.Acl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cfs setacl} calls that give a copied directory the ACL its dump recorded: first the
 * positive entries with {@code -clear} (so nothing the new volume's default ACL granted stays),
 * then the negative ones with {@code -negative}. Argument arrays, never a shell.
 */
public final class CfsAclCommands {
  private CfsAclCommands() {}

  public static List<List<String>> forDirectory(String cfs, Path dir, Acl acl) {
    List<List<String>> out = new ArrayList<>();
    List<String> plus = new ArrayList<>(List.of(cfs, "setacl", "-clear", dir.toString()));
    for (Acl.Entry e : acl.positive()) {
      plus.add(e.name());
      plus.add(rights(e));
    }
    if (acl.positive().isEmpty()) {
      // cfs setacl needs one pair; an empty positive list is "nobody has rights".
      plus.add("System:AnyUser");
      plus.add("none");
    }
    out.add(plus);
    if (!acl.negative().isEmpty()) {
      List<String> minus = new ArrayList<>(List.of(cfs, "setacl", "-negative", dir.toString()));
      for (Acl.Entry e : acl.negative()) {
        minus.add(e.name());
        minus.add(rights(e));
      }
      out.add(minus);
    }
    return out;
  }

  private static String rights(Acl.Entry e) {
    String letters = e.letters();
    return letters.isEmpty() ? "none" : letters;
  }
}
