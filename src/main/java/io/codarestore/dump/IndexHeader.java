package io.codarestore.dump;

/**
 * Start of a vnode index: how many vnodes of that class the volume holds (also in an incremental,
 * where fewer records follow) and how many vnode lists (slots) it has.
 */
public record IndexHeader(VnodeClass vnodeClass, int vnodeCount, int listCount) {
  public long vnodeCountUnsigned() {
    return DumpHeader.unsigned(vnodeCount);
  }

  public long listCountUnsigned() {
    return DumpHeader.unsigned(listCount);
  }
}
