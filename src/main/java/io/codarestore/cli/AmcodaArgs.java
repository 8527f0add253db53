package io.codarestore.cli;

import io.codarestore.backup.AmcodaProperties;
import io.codarestore.backup.DumpSizes;
import io.codarestore.backup.Volutil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The arguments Amanda 3.5 passes to an Application (spec amanda-application.md §2) and the
 * application-tool's properties. Anything else lands in {@link #unmatched}: an unknown property is
 * reported, never ignored.
 */
final class AmcodaArgs {
  @Option(names = "--message", paramLabel = "line")
  String message;

  @Option(names = "--config")
  String config;

  @Option(names = "--host")
  String host;

  @Option(names = "--disk")
  String disk;

  @Option(names = "--device")
  String device;

  @Option(names = "--level")
  List<Integer> levels = new ArrayList<>();

  @Option(names = "--index", paramLabel = "line")
  String index;

  @Option(names = "--record")
  boolean record;

  @Option(names = "--volutil", description = "property: the volutil program (default volutil)")
  String volutil;

  @Option(names = "--volutil-host", description = "property: the server (default: local)")
  String volutilHost;

  @Option(names = "--clone-max-age", description = "property: refresh an older clone (default 4h)")
  String cloneMaxAge;

  @Option(names = "--estimate", description = "property: diskused, dump (default) or history")
  String estimate;

  @Unmatched List<String> unmatched = new ArrayList<>();

  /** The properties, with the unknown ones picocli left unmatched on {@code spec}'s line. */
  AmcodaProperties properties(picocli.CommandLine.Model.CommandSpec spec) {
    List<String> all = new ArrayList<>(unmatched);
    all.addAll(spec.commandLine().getUnmatchedArguments());
    List<String> unknown = new ArrayList<>();
    for (String u : all.stream().distinct().toList()) {
      if (u.startsWith("-")) {
        unknown.add(u);
      }
    }
    return AmcodaProperties.of(volutil, volutilHost, cloneMaxAge, estimate, unknown);
  }

  /** The disk Amanda names: {@code --disk}, else {@code --device}. */
  String volume() {
    return disk != null ? disk : device;
  }

  Volutil volutil(AmcodaProperties p) {
    return new Volutil(p.volutil(), p.volutilHost(), Map.of());
  }

  static DumpSizes history() {
    return new DumpSizes(Path.of(System.getProperty("user.home"), ".amcoda", "sizes"));
  }
}
