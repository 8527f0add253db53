package io.codarestore.amanda;

import java.nio.charset.StandardCharsets;

/** Builds 32 KiB headers the way Amanda 3.5's build_header() writes them. */
final class TestHeaders {
  private TestHeaders() {}

  static byte[] tapestart(String datestamp, String label) {
    return block("AMANDA: TAPESTART DATE " + datestamp + " TAPE " + label + "\n\f\n");
  }

  /** Header of a dump part; {@code extraFirstLine} is appended to the first line (crypt, ...). */
  static String splitFile(
      String datestamp,
      String host,
      String quotedDisk,
      int part,
      int level,
      String comp,
      String extraFirstLine,
      String dleCompress,
      String nativeCrc,
      String clientCrc,
      String serverCrc) {
    StringBuilder h = new StringBuilder();
    h.append("AMANDA: SPLIT_FILE ")
        .append(datestamp)
        .append(' ')
        .append(host)
        .append(' ')
        .append(quotedDisk)
        .append("  part ")
        .append(part)
        .append("/-1  lev ")
        .append(level)
        .append(" comp ")
        .append(comp)
        .append(" program APPLICATION")
        .append(extraFirstLine)
        .append('\n');
    h.append("APPLICATION=amcodavol\n");
    h.append("ORIGSIZE=2552\n");
    if (nativeCrc != null) {
      h.append("NATIVE-CRC=").append(nativeCrc).append('\n');
      h.append("CLIENT-CRC=").append(clientCrc).append('\n');
      h.append("SERVER-CRC=").append(serverCrc).append('\n');
    }
    h.append("DLE=<<ENDDLE\n<dle>\n  <program>APPLICATION</program>\n");
    h.append("  <disk>").append(quotedDisk).append("</disk>\n");
    h.append("  <level>").append(level).append("</level>\n  <auth>local</auth>\n");
    if (dleCompress != null) {
      h.append("  <compress>").append(dleCompress).append("</compress>\n");
    }
    h.append("  <record>YES</record>\n  <index>YES</index>\n  <datapath>AMANDA</datapath>\n");
    h.append("  <backup-program>\n    <plugin>amcodavol</plugin>\n  </backup-program>\n");
    h.append("</dle>\nENDDLE\n");
    h.append("To restore, position tape at start of file and run:\n");
    h.append("\tdd if=<tape> bs=32k skip=1 | ");
    if (!"N".equals(comp)) {
      h.append("/bin/gzip -dc | ");
    }
    h.append("/usr/lib/amanda/application/amcodavol restore [./file-to-restore]+ \n\f\n");
    return h.toString();
  }

  static byte[] block(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[AmandaFileHeader.SIZE];
    System.arraycopy(bytes, 0, block, 0, bytes.length);
    return block;
  }
}
