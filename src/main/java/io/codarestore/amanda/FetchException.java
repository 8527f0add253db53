package io.codarestore.amanda;

import io.codarestore.core.UserFacingException;

/**
 * Why fetching a dump off its media failed. Every subclass names the file (or command) and what is
 * wrong with it, so the message alone tells the admin what to look at.
 */
public abstract sealed class FetchException extends UserFacingException
    permits MissingPartException,
        TruncatedPartException,
        HeaderMismatchException,
        CorruptStreamException,
        ChecksumMismatchException,
        UnsupportedCompressionException,
        DumpMismatchException,
        AmfetchdumpException,
        FetchOutputException {
  private static final long serialVersionUID = 1L;

  FetchException(String message) {
    super(message);
  }

  FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
