package io.codarestore.cli;

import picocli.CommandLine.Option;

/** The required {@code --host} and {@code --volume} that name one volume (fetch, plan). */
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
}
