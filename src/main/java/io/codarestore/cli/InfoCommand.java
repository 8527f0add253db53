package io.codarestore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codarestore.core.Cancellation;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.DumpSummary;
import io.codarestore.dump.VersionVector;
import io.codarestore.dump.VolumeDiskData;
import io.codarestore.dump.VolumeType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coda-restore info DUMP [--json]}: header, volume data and index counts of a dump. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Show a dump's header (volume, level, uniquifiers), its volume data and the counts of its"
          + " two vnode indexes (announced by the index headers and found in the records).",
      "Reads the whole dump (file data is skipped) and checks the end marker."
    })
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DUMP", description = "a Coda volume dump file, full or incremental")
  Path dump;

  @Option(names = "--json", description = "print JSON (fields in the README)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DumpSummary s = DumpSummary.read(dump, Cancellation.none());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(m.writeValueAsString(toJson(m, s)));
    } else {
      print(out, s);
    }
    out.flush();
    return 0;
  }

  static ObjectNode toJson(ObjectMapper m, DumpSummary s) {
    ObjectNode root = m.createObjectNode();
    DumpHeader h = s.header();
    root.put("file", s.source());
    root.put("size", s.size());
    root.put("kind", h.isIncremental() ? "incremental" : "full");
    root.put("level", h.level());
    ObjectNode hd = root.putObject("header");
    hd.put("volumeId", DumpText.hex(h.volumeId()));
    hd.put("parentId", DumpText.hex(h.parentId()));
    hd.put("name", DumpText.text(h.name()));
    hd.put("backupDate", DumpHeader.unsigned(h.backupDate()));
    hd.put("level", h.level());
    hd.put("oldest", DumpHeader.unsigned(h.oldest()));
    hd.put("latest", DumpHeader.unsigned(h.latest()));
    VolumeDiskData v = s.volume();
    ObjectNode vd = root.putObject("volume");
    vd.put("id", DumpText.hex(v.id()));
    vd.put("name", DumpText.text(v.name()));
    vd.put("partition", DumpText.text(v.partition()));
    vd.put("type", v.type());
    vd.put("typeDescription", typeDescription(v.type()));
    vd.put("parentId", DumpText.hex(v.parentId()));
    vd.put("groupId", DumpText.hex(v.groupId()));
    vd.put("cloneId", DumpText.hex(v.cloneId()));
    vd.put("backupId", DumpText.hex(v.backupId()));
    vd.put("stampVersion", DumpHeader.unsigned(v.stampVersion()));
    vd.put("inService", v.inService() != 0);
    vd.put("blessed", v.blessed() != 0);
    vd.put("uniquifier", DumpHeader.unsigned(v.uniquifier()));
    vd.put("maxQuota", DumpHeader.unsigned(v.maxquota()));
    vd.put("minQuota", DumpHeader.unsigned(v.minquota()));
    vd.put("maxFiles", DumpHeader.unsigned(v.maxfiles()));
    vd.put("diskUsed", DumpHeader.unsigned(v.diskused()));
    vd.put("fileCount", DumpHeader.unsigned(v.filecount()));
    vd.put("linkCount", v.linkcount());
    vd.put("accountNumber", DumpHeader.unsigned(v.accountNumber()));
    vd.put("owner", DumpHeader.unsigned(v.owner()));
    vd.put("creationDate", DumpHeader.unsigned(v.creationDate()));
    vd.put("accessDate", DumpHeader.unsigned(v.accessDate()));
    vd.put("updateDate", DumpHeader.unsigned(v.updateDate()));
    vd.put("expirationDate", DumpHeader.unsigned(v.expirationDate()));
    vd.put("backupDate", DumpHeader.unsigned(v.backupDate()));
    vd.put("offlineMessage", DumpText.text(v.offlineMessage()));
    vd.put("motd", DumpText.text(v.motd()));
    ArrayNode week = vd.putArray("weekUse");
    for (int w : v.weekUse()) {
      week.add(DumpHeader.unsigned(w));
    }
    vd.put("dayUseDate", DumpHeader.unsigned(v.dayUseDate()));
    vd.put("dayUse", DumpHeader.unsigned(v.dayUse()));
    VersionVector vv = v.versionVector();
    ObjectNode vvn = vd.putObject("versionVector");
    ArrayNode sites = vvn.putArray("sites");
    for (int i = 0; i < VersionVector.SITES; i++) {
      sites.add(vv.site(i));
    }
    vvn.put("storeId", storeId(vv));
    vvn.put("flags", DumpHeader.unsigned(vv.flags()));
    ObjectNode ix = root.putObject("indexes");
    index(ix.putObject("large"), s.large());
    index(ix.putObject("small"), s.small());
    return root;
  }

  private static void index(ObjectNode n, DumpSummary.IndexCounts c) {
    n.put("vnodeCount", c.vnodeCount());
    n.put("listCount", c.listCount());
    n.put("vnodes", c.vnodes());
    n.put("nulls", c.nulls());
    n.put("removed", c.removed());
    n.put("directories", c.directories());
    n.put("files", c.files());
    n.put("symlinks", c.symlinks());
    n.put("badInodes", c.badInodes());
    n.put("dataBytes", c.dataBytes());
  }

  static String typeDescription(int type) {
    for (VolumeType t : VolumeType.values()) {
      if (t.code() == type) {
        return t.description();
      }
    }
    return "unknown";
  }

  private static String storeId(VersionVector vv) {
    return String.format("0x%08x.0x%08x", vv.storeHost(), vv.storeUniquifier());
  }

  private static void print(PrintWriter out, DumpSummary s) {
    DumpHeader h = s.header();
    VolumeDiskData v = s.volume();
    out.printf("dump:            %s (%d bytes)%n", s.source(), s.size());
    out.printf(
        "kind:            %s%n",
        h.isIncremental()
            ? "incremental, level " + h.level() + " (only what changed since an earlier dump)"
            : "full (level 0)");
    out.printf(
        "volume:          %s, clone %s of replica %s%n",
        DumpText.shown(h.name()), DumpText.hex(h.volumeId()), DumpText.hex(h.parentId()));
    out.printf("backup date:     %s%n", DumpText.date(h.backupDate()));
    out.printf(
        "uniquifiers:     oldest %d, latest %d%n",
        DumpHeader.unsigned(h.oldest()), DumpHeader.unsigned(h.latest()));
    out.println("volume data:");
    out.printf("  id             %s%n", DumpText.hex(v.id()));
    out.printf("  name           %s%n", DumpText.shown(v.name()));
    out.printf("  type           %d (%s)%n", v.type(), typeDescription(v.type()));
    out.printf("  parent, group  %s, %s%n", DumpText.hex(v.parentId()), DumpText.hex(v.groupId()));
    out.printf("  clone, backup  %s, %s%n", DumpText.hex(v.cloneId()), DumpText.hex(v.backupId()));
    out.printf("  partition      %s%n", DumpText.shown(v.partition()));
    out.printf(
        "  in service     %s, blessed %s%n",
        v.inService() != 0 ? "yes" : "no", v.blessed() != 0 ? "yes" : "no");
    out.printf(
        "  uniquifier     %d (next vnode uniquifier)%n", DumpHeader.unsigned(v.uniquifier()));
    out.printf(
        "  quota          max %d KiB, min %d KiB, max files %d%n",
        DumpHeader.unsigned(v.maxquota()),
        DumpHeader.unsigned(v.minquota()),
        DumpHeader.unsigned(v.maxfiles()));
    out.printf(
        "  usage          %d KiB, %d files, link count %d%n",
        DumpHeader.unsigned(v.diskused()), DumpHeader.unsigned(v.filecount()), v.linkcount());
    out.printf(
        "  owner, account %d, %d%n",
        DumpHeader.unsigned(v.owner()), DumpHeader.unsigned(v.accountNumber()));
    out.printf("  created        %s%n", DumpText.date(v.creationDate()));
    out.printf("  updated        %s%n", DumpText.date(v.updateDate()));
    out.printf("  accessed       %s%n", DumpText.date(v.accessDate()));
    out.printf("  backup         %s%n", DumpText.date(v.backupDate()));
    out.printf(
        "  expires        %s%n",
        v.expirationDate() == 0 ? "never" : DumpText.date(v.expirationDate()));
    if (!v.offlineMessage().isEmpty()) {
      out.printf("  offline msg    %s%n", DumpText.shown(v.offlineMessage()));
    }
    if (!v.motd().isEmpty()) {
      out.printf("  motd           %s%n", DumpText.shown(v.motd()));
    }
    VersionVector vv = v.versionVector();
    StringBuilder sites = new StringBuilder();
    for (int i = 0; i < VersionVector.SITES; i++) {
      sites.append(i == 0 ? "" : " ").append(vv.site(i));
    }
    out.printf("  version vector [%s] store %s%n", sites, storeId(vv));
    out.println("indexes:                  announced          records");
    out.println("                      vnodes   lists   vnodes    null removed   data bytes");
    row(out, "large (directories)", s.large());
    row(out, "small (files)", s.small());
  }

  private static void row(PrintWriter out, String label, DumpSummary.IndexCounts c) {
    out.printf(
        "  %-19s %7d %7d %8d %7d %7d %12d%n",
        label, c.vnodeCount(), c.listCount(), c.vnodes(), c.nulls(), c.removed(), c.dataBytes());
  }
}
