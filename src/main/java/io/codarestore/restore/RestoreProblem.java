package io.codarestore.restore;

import io.codarestore.core.UserFacingException;
import java.nio.file.Path;

/**
 * Why a restore cannot go on, as data: each front phrases it through its {@link Phrases} (the
 * command line names its options, the wizard its controls). The message is one line for the user.
 */
public abstract sealed class RestoreProblem extends UserFacingException {
  private static final long serialVersionUID = 1L;

  RestoreProblem(String message) {
    super(message);
  }

  /** A link of the chain the dump headers cannot prove, not accepted by the user. */
  public static final class UncheckedLink extends RestoreProblem {
    private static final long serialVersionUID = 1L;
    private final String explanation;

    public UncheckedLink(String explanation, Phrases p) {
      super(explanation + "; " + p.acceptUnchecked());
      this.explanation = explanation;
    }

    public String explanation() {
      return explanation;
    }
  }

  /** What the restore would create exists already. */
  public static final class TargetExists extends RestoreProblem {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public TargetExists(String what, Path path, String remedy) {
      super(what + " " + path + " exists already; it is not overwritten (" + remedy + ")");
      this.path = path;
    }

    public Path path() {
      return path;
    }
  }

  /** A program the restore runs is not there or not executable. */
  public static final class MissingProgram extends RestoreProblem {
    private static final long serialVersionUID = 1L;
    private final String program;
    private final String command;

    public MissingProgram(String program, String command, String message) {
      super(message);
      this.program = program;
      this.command = command;
    }

    /** Which program: volutil, cfs, createvol_rep. */
    public String program() {
      return program;
    }

    /** The command as given. */
    public String command() {
      return command;
    }
  }

  /** A place the restore writes to has not enough free space. */
  public static final class NotEnoughSpace extends RestoreProblem {
    private static final long serialVersionUID = 1L;
    private final transient SpaceCheck.Result space;

    public NotEnoughSpace(SpaceCheck.Result space) {
      super("not enough free space: " + space.describe());
      this.space = space;
    }

    public SpaceCheck.Result space() {
      return space;
    }
  }

  /** The catalog does not say where its dumps are read from. */
  public static final class NoMedia extends RestoreProblem {
    private static final long serialVersionUID = 1L;

    public NoMedia(Path catalog, Phrases p) {
      super(p.noMedia(catalog));
    }
  }

  /** The request contradicts itself (e.g. a kept merged dump beside a dump-file target). */
  public static final class BadRequest extends RestoreProblem {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
      super(message);
    }
  }
}
