package io.codarestore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpListing;
import io.codarestore.dump.ListingEntry;
import io.codarestore.dump.TreeNotice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coda-restore ls DUMP [--json]}: the tree of a full dump, or what an incremental holds. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List a dump. A full (or merged) dump: its file tree, one line per name: type, mode,"
          + " owner, size, mtime (UTC), fid, path. Vnodes no directory reaches (orphans) are"
          + " listed apart.",
      "An incremental dump: its vnode records (new or changed since the dump it was taken"
          + " against, named as far as the directories it re-dumps tell) and its removal"
          + " records."
    })
final class LsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DUMP", description = "a Coda volume dump file, full or incremental")
  Path dump;

  @Option(names = "--json", description = "print JSON (fields in the README)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DumpListing l = DumpListing.read(dump, Cancellation.none());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(m.writeValueAsString(toJson(m, dump.toString(), l)));
    } else if (l.incremental()) {
      printIncremental(out, l);
    } else {
      printTree(out, l);
    }
    out.flush();
    DumpText.warn(err, l.notices());
    return 0;
  }

  static ObjectNode toJson(ObjectMapper m, String file, DumpListing l) {
    ObjectNode root = m.createObjectNode();
    DumpHeader h = l.header();
    root.put("file", file);
    root.put("volume", DumpText.text(h.name()));
    root.put("kind", h.isIncremental() ? "incremental" : "full");
    root.put("level", h.level());
    root.put("oldest", DumpHeader.unsigned(h.oldest()));
    root.put("latest", DumpHeader.unsigned(h.latest()));
    if (h.isIncremental()) {
      entries(root.putArray("newOrChanged"), l.entries());
      ArrayNode rm = root.putArray("removed");
      for (DumpListing.Removal r : l.removed()) {
        ObjectNode n = rm.addObject();
        n.put("fid", r.fid());
        n.put("index", r.type());
      }
    } else {
      entries(root.putArray("entries"), l.entries());
      entries(root.putArray("orphans"), l.orphans());
    }
    ArrayNode notices = root.putArray("notices");
    for (TreeNotice t : l.notices()) {
      ObjectNode n = notices.addObject();
      n.put("kind", DumpText.kind(t.kind()));
      n.put("path", t.path());
      n.put("message", t.message());
    }
    return root;
  }

  private static void entries(ArrayNode a, List<ListingEntry> es) {
    for (ListingEntry e : es) {
      ObjectNode n = a.addObject();
      n.put("path", e.path());
      n.put("name", e.name());
      n.put("type", e.type());
      n.put("mode", e.modeOctal());
      n.put("size", e.size());
      n.put("mtime", e.mtime());
      n.put("owner", e.owner());
      n.put("fid", e.fid());
      n.put("parent", e.parent());
      n.put("target", e.target());
      n.put("hardLinkTo", e.hardLinkTo());
    }
  }

  private static void printTree(PrintWriter out, DumpListing l) {
    for (ListingEntry e : l.entries()) {
      out.println(DumpText.line(e, e.path()));
    }
    if (!l.orphans().isEmpty()) {
      out.println();
      out.println(
          l.orphans().size()
              + " orphan vnode(s): no directory of the tree reaches them (e.g. deleted before the"
              + " last dump of a chain); not part of the tree, written only by extract --orphans"
              + " DIR:");
      for (ListingEntry e : l.orphans()) {
        out.println(DumpText.line(e, e.path()));
      }
    }
  }

  private static void printIncremental(PrintWriter out, DumpListing l) {
    DumpHeader h = l.header();
    out.printf(
        "incremental dump, level %d, of %s: changes since the dump whose latest uniquifier was"
            + " %d, up to %d%n",
        h.level(),
        DumpText.shown(h.name()),
        DumpHeader.unsigned(h.oldest()),
        DumpHeader.unsigned(h.latest()));
    out.printf("new or changed (%d vnode records):%n", l.entries().size());
    for (ListingEntry e : l.entries()) {
      String shown;
      if (e.path() != null) {
        shown = e.path();
      } else if (e.name() != null) {
        shown = "[in directory " + e.parent() + "] " + e.name();
      } else {
        shown = "[in directory " + e.parent() + ", name not in this dump]";
      }
      out.println(DumpText.line(e, shown));
    }
    out.printf("removed (%d removal records):%n", l.removed().size());
    for (DumpListing.Removal r : l.removed()) {
      out.printf("  %-10s %s%n", r.fid(), r.type());
    }
  }
}
