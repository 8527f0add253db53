package io.codarestore.dump;

import java.util.Arrays;

/**
 * The volume disk data section (spec 4.2), every field the dump carries, in dump order. Strings
 * hold the dump's bytes one char per byte (ISO-8859-1), so they are written back unchanged.
 */
public record VolumeDiskData(
    int id,
    int stampVersion,
    String name,
    String partition,
    int inService,
    int blessed,
    int uniquifier,
    int type,
    int parentId,
    int groupId,
    int cloneId,
    int backupId,
    int maxquota,
    int minquota,
    int maxfiles,
    int diskused,
    int filecount,
    int linkcount,
    int accountNumber,
    int owner,
    int creationDate,
    int accessDate,
    int updateDate,
    int expirationDate,
    int backupDate,
    String offlineMessage,
    String motd,
    int[] weekUse,
    int dayUseDate,
    int dayUse,
    VersionVector versionVector) {

  public static final int WEEK = 7;

  public VolumeDiskData {
    if (weekUse.length != WEEK) {
      throw new IllegalArgumentException("weekUse has " + WEEK + " entries");
    }
    weekUse = weekUse.clone();
  }

  @Override
  public int[] weekUse() {
    return weekUse.clone();
  }

  /** A copy with another type and parent id: the read-write promotion (coda-rw-promotion.md). */
  public VolumeDiskData withTypeAndParent(int newType, int newParentId) {
    return new VolumeDiskData(
        id,
        stampVersion,
        name,
        partition,
        inService,
        blessed,
        uniquifier,
        newType,
        newParentId,
        groupId,
        cloneId,
        backupId,
        maxquota,
        minquota,
        maxfiles,
        diskused,
        filecount,
        linkcount,
        accountNumber,
        owner,
        creationDate,
        accessDate,
        updateDate,
        expirationDate,
        backupDate,
        offlineMessage,
        motd,
        weekUse,
        dayUseDate,
        dayUse,
        versionVector);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VolumeDiskData v && toString().equals(v.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "VolumeDiskData[id="
        + id
        + ", stampVersion="
        + stampVersion
        + ", name="
        + name
        + ", partition="
        + partition
        + ", inService="
        + inService
        + ", blessed="
        + blessed
        + ", uniquifier="
        + uniquifier
        + ", type="
        + type
        + ", parentId="
        + parentId
        + ", groupId="
        + groupId
        + ", cloneId="
        + cloneId
        + ", backupId="
        + backupId
        + ", maxquota="
        + maxquota
        + ", minquota="
        + minquota
        + ", maxfiles="
        + maxfiles
        + ", diskused="
        + diskused
        + ", filecount="
        + filecount
        + ", linkcount="
        + linkcount
        + ", accountNumber="
        + accountNumber
        + ", owner="
        + owner
        + ", creationDate="
        + creationDate
        + ", accessDate="
        + accessDate
        + ", updateDate="
        + updateDate
        + ", expirationDate="
        + expirationDate
        + ", backupDate="
        + backupDate
        + ", offlineMessage="
        + offlineMessage
        + ", motd="
        + motd
        + ", weekUse="
        + Arrays.toString(weekUse)
        + ", dayUseDate="
        + dayUseDate
        + ", dayUse="
        + dayUse
        + ", versionVector="
        + versionVector
        + "]";
  }
}
