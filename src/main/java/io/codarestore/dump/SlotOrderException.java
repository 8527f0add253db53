package io.codarestore.dump;

/** The base's records are not in slot order: a streamed merge cannot go on (it starts over). */
final class SlotOrderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SlotOrderException(String input, long offset) {
    super(input + ": vnode record at offset " + offset + " is not in slot order");
  }
}
