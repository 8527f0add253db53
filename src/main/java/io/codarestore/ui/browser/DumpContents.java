package io.codarestore.ui.browser;

import io.codarestore.core.Cancellation;
import io.codarestore.dump.Acl;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.DumpTree;
import io.codarestore.dump.TreeDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the dump browser shows of one dump file: the listing (from the dump package) and, for a full
 * dump, each directory's ACL.
 */
record DumpContents(Path file, DumpListing listing, Map<String, String> acls) {
  static DumpContents read(Path file, Cancellation cancel) {
    DumpListing listing = DumpListing.read(file, cancel);
    Map<String, String> acls = new HashMap<>();
    if (!listing.incremental()) {
      try (DumpReader r = DumpReader.open(file)) {
        for (TreeDirectory d : DumpTree.readDirectories(r, cancel).directories()) {
          String text = d.record().acl();
          if (text != null) {
            acls.put(d.path(), shown(Acl.parse(text)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new DumpContents(file, listing, acls);
  }

  /** "System:Administrators rlidwka, alice rl; −bob w". */
  static String shown(Acl acl) {
    String plus = entries(acl.positive());
    String minus = entries(acl.negative());
    return minus.isEmpty() ? plus : plus + "; −" + minus;
  }

  private static String entries(List<Acl.Entry> entries) {
    return entries.stream()
        .map(e -> e.name() + " " + e.letters())
        .collect(Collectors.joining(", "));
  }
}
