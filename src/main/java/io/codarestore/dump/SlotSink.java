package io.codarestore.dump;

/** Receives the base's records of a chunk. */
interface SlotSink {
  void add(int slot, byte input, long offset, long end, int uniq);
}
