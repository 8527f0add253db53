package io.codarestore.core;

/**
 * An error the user can act on: its message names the file, the place and what was expected. The
 * command line prints the message as one line; the wizard shows it in a dialog; the log keeps the
 * stack trace.
 */
public class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserFacingException(String message) {
    super(message);
  }

  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
