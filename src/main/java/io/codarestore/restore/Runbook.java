package io.codarestore.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * The equivalent manual procedure of a restore, with the real names and paths: what an admin would
 * type without this program, kept with the run for the records.
 */
public final class Runbook {
  /** One step: what it does, the commands (already quoted for a POSIX shell) and notes. */
  public record Step(String title, List<String> commands, List<String> notes) {
    public Step {
      commands = List.copyOf(commands);
      notes = List.copyOf(notes);
    }
  }

  private final String title;
  private final List<Step> steps = new ArrayList<>();

  public Runbook(String title) {
    this.title = title;
  }

  public Runbook step(String stepTitle, List<String> commands, List<String> notes) {
    steps.add(new Step(stepTitle, commands, notes));
    return this;
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }

  public String title() {
    return title;
  }

  /** Plain text, numbered steps, commands indented, ready to paste. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(title).append("\n");
    int n = 1;
    for (Step s : steps) {
      b.append("\n## ").append(n++).append(". ").append(s.title()).append("\n");
      for (String c : s.commands()) {
        b.append("    ").append(c).append("\n");
      }
      for (String note : s.notes()) {
        b.append("  - ").append(note).append("\n");
      }
    }
    return b.toString();
  }

  /** What the spec found about stock 64-bit Coda 8 servers; part of every volutil runbook. */
  public static final String STOCK_SERVER_WARNING =
      "Stock 64-bit Coda 8 servers crash on every volutil restore of a non-empty dump"
          + " (SrvLog: 'Restore: Reading in large vnode array. / Just read vnode for index 1. /"
          + " FILE SERVER INTERRUPTED BY SIGNAL 11'; backtrace rec_smolist::append from"
          + " ReadLargeVnodeIndex). Cause: ReadVnodeDiskObject in coda-src/volutil/vol-restore.cc"
          + " reads the 32-bit vnode number into a 64-bit long (ReadInt32 on (unsigned int *)"
          + " vnodeNumber). Fix: read it into a local unsigned int and assign it (3 lines), rebuild"
          + " codasrv. A failed restore leaves a half-created volume that the salvager removes at"
          + " the next start.";
}
