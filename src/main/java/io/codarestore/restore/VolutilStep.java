package io.codarestore.restore;

import io.codarestore.core.Cancellation;
import io.codarestore.core.UserFacingException;
import io.codarestore.dump.ChainMerger;
import io.codarestore.dump.DumpReader;
import io.codarestore.dump.ReadWritePromotion;
import io.codarestore.dump.VolumeDiskData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The read-only and read-write volutil targets: merge the chain (rewritten for read-write) into a
 * regular file in the workspace on the same pass, then {@code volutil restore -f FILE}. The file is
 * removed after a successful restore unless the user asked to keep it ({@code --keep-merged});
 * after a failed restore it is kept and named, so the admin can retry by hand.
 */
final class VolutilStep {
  /** What the step did. */
  record Done(
      ChainMerger.Result merged,
      VolutilRestore.Outcome volutil,
      Restored.ServerVolume restored,
      List<FollowUp> followUp) {}

  private final Cancellation cancel;
  private final RunLog log;
  private final Phrases phrases;

  VolutilStep(Cancellation cancel, RunLog log, Phrases phrases) {
    this.cancel = cancel;
    this.log = log;
    this.phrases = phrases;
  }

  /** Where the dump volutil reads goes: the kept file, or one of the workspace's. */
  static Path dumpFile(Workspace ws, RestoreRequest req, RestoreTarget.Volutil v) {
    if (req.keepMerged() != null) {
      return req.keepMerged();
    }
    String name =
        Workspace.safe(req.host())
            + "-"
            + Workspace.safe(req.volume())
            + "-"
            + Workspace.safe(req.date().text())
            + (v.readWrite() && v.volumeId() != null
                ? "-rw-" + VolutilRestore.hex(v.volumeId())
                : "")
            + ".dump";
    return ws.root().resolve("merged").resolve(name);
  }

  Done run(
      Workspace ws,
      RestoreRequest req,
      RestoreTarget.Volutil v,
      List<Path> files,
      ChainMerger merger) {
    UnaryOperator<VolumeDiskData> change = volumeChange(v, files, phrases);
    Path file = dumpFile(ws, req, v);
    boolean keep = req.keepMerged() != null;
    boolean keepOnExit = keep;
    try {
      if (!keep) {
        Files.createDirectories(file.getParent());
      }
      ChainMerger.Result m = merger.mergeToFile(files, file, !keep, false, change);
      log.info(
          "wrote the "
              + (v.readWrite() ? "rewritten (type 4) " : "merged ")
              + "dump to "
              + file
              + " ("
              + m.bytesWritten()
              + " bytes)");
      VolutilRestore.Invocation inv = RestoreJob.invocation(v, file);
      log.info("running " + inv.display());
      VolutilRestore.Outcome o =
          new VolutilRestore(cancel).run(inv, line -> log.info("volutil: " + line));
      if (!o.succeeded()) {
        keepOnExit = true;
        throw new UserFacingException(
            VolutilRestore.explain(o, m.bytesWritten(), file, phrases)
                + " Run log: "
                + log.file()
                + ".");
      }
      return new Done(m, o, restored(v, o, keep ? file : null), followUp(v, o));
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (!keepOnExit) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.warn("could not remove " + file + ": " + e.getMessage());
        }
      }
    }
  }

  private static Restored.ServerVolume restored(
      RestoreTarget.Volutil v, VolutilRestore.Outcome o, Path kept) {
    return new Restored.ServerVolume(
        v.server(), v.partition(), v.name(), o.createdId(), v.readWrite(), kept);
  }

  private static List<FollowUp> followUp(RestoreTarget.Volutil v, VolutilRestore.Outcome o) {
    List<FollowUp> f = new ArrayList<>();
    String name = v.name() != null ? v.name() : "NAME";
    String id = o.createdId() != null ? o.createdId() : "ID";
    f.add(new FollowUp.RebuildLocationDatabase());
    f.add(new FollowUp.MountOnClient(name));
    if (v.readWrite()) {
      f.add(new FollowUp.KeepReadWriteOutOfBackup());
    } else {
      f.add(new FollowUp.PurgeReadOnly(id, name));
    }
    return f;
  }

  /** What a stock server does with a restored type-4 volume (coda-rw-promotion.md section 4). */
  static String readWriteWarning(Phrases phrases) {
    return "A read-write (type 4) volume restored by volutil crashes a stock Coda 8 server at its"
        + " first volutil backup after a server restart (linkcount > 0, vol-clone.cc:467): keep it"
        + " out of the nightly backup until the server is fixed, or use "
        + phrases.copyInRoute()
        + ", which has no such problem.";
  }

  /** The volume data change: type 4 and the new parent id for read-write, none otherwise. */
  static UnaryOperator<VolumeDiskData> volumeChange(
      RestoreTarget.Volutil v, List<Path> files, Phrases phrases) {
    VolumeDiskData last;
    try (DumpReader r = DumpReader.open(files.get(files.size() - 1))) {
      last = r.volumeData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (v.readWrite()) {
      if (v.volumeId() == null) {
        throw new UserFacingException(
            "a read-write restore needs "
                + phrases.volumeId()
                + ": the id the new volume gets (free on the server,"
                + " e.g. the next one volutil getmaxvol shows)");
      }
      ReadWritePromotion promotion = new ReadWritePromotion(v.volumeId());
      promotion.apply(last); // refuses unsuitable types before anything is written
      return promotion;
    }
    ReadWritePromotion.checkRestorable(last.type());
    return UnaryOperator.identity();
  }
}
