package io.codarestore.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --host} and {@code --volume} options: required, naming one volume (fetch, plan), or
 * optional, narrowing a listing or a search ({@link Filter}).
 */
final class VolumeOptions {
  @Option(names = "--host", required = true, paramLabel = "HOST", description = "Amanda host")
  String host;

  @Option(
      names = "--volume",
      required = true,
      paramLabel = "VOLUME",
      description = "Coda volume (Amanda disk)")
  String volume;

  /** The same options with the short labels of the file-index commands (files, versions). */
  static final class Short {
    @Option(names = "--host", required = true, paramLabel = "H", description = "Amanda host")
    String host;

    @Option(names = "--volume", required = true, paramLabel = "V", description = "Coda volume")
    String volume;
  }

  /** Optional {@code --host} and {@code --volume} that narrow a command to a host or a volume. */
  static final class Filter {
    @Option(names = "--host", paramLabel = "HOST", description = "only this host")
    String host;

    @Option(names = "--volume", paramLabel = "VOLUME", description = "only this volume (disk)")
    String volume;
  }
}
