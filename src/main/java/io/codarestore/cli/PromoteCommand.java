package io.codarestore.cli;

import io.codarestore.core.Cancellation;
import io.codarestore.core.ProgressListener;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpHeader;
import io.codarestore.dump.ReadWritePromotion;
import io.codarestore.restore.Shell;
import io.codarestore.restore.VolutilRestore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code coda-restore promote --volid ID IN OUT}: the read-write rewrite alone, for the runbook of
 * a read-write restore: the volume type becomes 4 and the parent id ID, nothing else changes.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrite a full dump as a non-replicated read-write volume for volutil restore.",
      "The volume type becomes 4 and the parent id ID; every other byte stays. Only dumps of type"
          + " 1, 2 or 4 are accepted."
    })
final class PromoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--volid",
      required = true,
      paramLabel = "ID",
      description = "id the volume is restored under (hex), the same as given to volutil restore")
  String volid;

  @Parameters(index = "0", paramLabel = "IN", description = "full dump (e.g. the merged dump)")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "the rewritten dump (new file)")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    int id = VolutilRestore.parseVolumeId(volid);
    DumpHeader h = DumpHeader.read(in);
    if (h.isIncremental()) {
      throw new UserFacingException(
          in + " is an incremental dump (level " + h.level() + "); promote takes a full dump");
    }
    ChainMerger.Result r =
        new ChainMerger(ProgressListener.NONE, Cancellation.none())
            .mergeToFile(List.of(in), out, false, false, new ReadWritePromotion(id));
    o.println(
        "wrote "
            + out
            + " ("
            + r.bytesWritten()
            + " bytes): type 4, parent id "
            + VolutilRestore.hex(id)
            + "; restore it with: "
            + Shell.join(
                List.of(
                    "volutil",
                    "restore",
                    "-f",
                    out.toString(),
                    "PARTITION",
                    "NAME",
                    VolutilRestore.hex(id))));
    return 0;
  }
}
