package io.codarestore.dump;

import java.util.Arrays;

/**
 * A Coda version vector: eight per-replica counters, the StoreId of the last mutation and flags.
 */
public record VersionVector(int[] sites, int storeHost, int storeUniquifier, int flags) {
  public static final int SITES = 8;
  public static final VersionVector EMPTY = new VersionVector(new int[SITES], 0, 0, 0);

  public VersionVector {
    if (sites.length != SITES) {
      throw new IllegalArgumentException("a version vector has " + SITES + " sites");
    }
    sites = sites.clone();
  }

  @Override
  public int[] sites() {
    return sites.clone();
  }

  public int site(int i) {
    return sites[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionVector v
        && Arrays.equals(sites, v.sites)
        && storeHost == v.storeHost
        && storeUniquifier == v.storeUniquifier
        && flags == v.flags;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(sites) + storeHost * 7 + storeUniquifier * 3 + flags;
  }

  @Override
  public String toString() {
    return "VV"
        + Arrays.toString(sites)
        + " store "
        + Integer.toHexString(storeHost)
        + "."
        + Integer.toHexString(storeUniquifier)
        + " flags "
        + flags;
  }
}
