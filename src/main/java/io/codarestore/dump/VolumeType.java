package io.codarestore.dump;

/** Volume types of the volume disk data field {@code t} ({@code coda-src/vol/voldefs.h}). */
public enum VolumeType {
  RWVOL(0, "read-write replica"),
  ROVOL(1, "read-only clone"),
  BACKVOL(2, "backup clone"),
  REPVOL(3, "replicated volume"),
  NONREPVOL(4, "non-replicated read-write");

  private final int code;
  private final String description;

  VolumeType(int code, String description) {
    this.code = code;
    this.description = description;
  }

  public int code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** Describes any code, including ones Coda does not define. */
  public static String describe(int code) {
    for (VolumeType t : values()) {
      if (t.code == code) {
        return code + " (" + t.description + ")";
      }
    }
    return code + " (unknown)";
  }
}
