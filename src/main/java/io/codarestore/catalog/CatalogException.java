package io.codarestore.catalog;

import io.codarestore.core.UserFacingException;

/** The catalog database cannot be opened, is of an unknown version, or a query failed. */
public final class CatalogException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
