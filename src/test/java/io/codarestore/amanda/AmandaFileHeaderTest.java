package io.codarestore.amanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codarestore.amanda.AmandaFileHeader.CompressionSite;
import io.codarestore.amanda.AmandaFileHeader.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmandaFileHeaderTest {
  /** A real part header (fixture coda.root, day 6), as Amanda 3.5.1 wrote it. */
  static final String REAL_CLIENT_GZIP =
      """
      AMANDA: SPLIT_FILE 20240306053300 localhost coda.root  part 1/-1  lev 0 comp .gz program APPLICATION
      APPLICATION=amcodavol
      ORIGSIZE=2552
      NATIVE-CRC=dc6b9e38:2612396
      CLIENT-CRC=64afc379:2606483
      SERVER-CRC=64afc379:2606483
      DLE=<<ENDDLE
      <dle>
        <program>APPLICATION</program>
        <disk>coda.root</disk>
        <level>0</level>
        <auth>local</auth>
        <compress>FAST</compress>
        <record>YES</record>
        <index>YES</index>
        <datapath>AMANDA</datapath>
        <backup-program>
          <plugin>amcodavol</plugin>
          <property>
            <name>state</name>
            <value>/tmp/amfix/coda/genstate</value>
          </property>
        </backup-program>
      </dle>
      ENDDLE
      To restore, position tape at start of file and run:
      \tdd if=<tape> bs=32k skip=1 | /bin/gzip -dc | /usr/lib/amanda/application/amcodavol restore [./file-to-restore]+\s
      \f
      """;

  /** A real server-compressed part header (fixture u.alice, day 10). */
  static final String REAL_SERVER_GZIP =
      """
      AMANDA: SPLIT_FILE 20240310082400 localhost u.alice  part 1/-1  lev 2 comp .gz program APPLICATION
      APPLICATION=amcodavol
      ORIGSIZE=2262
      NATIVE-CRC=192a534c:2315461
      CLIENT-CRC=192a534c:2315461
      SERVER-CRC=1be8534d:2303077
      DLE=<<ENDDLE
      <dle>
        <program>APPLICATION</program>
        <disk>u.alice</disk>
        <level>2</level>
        <compress>SERVER-BEST</compress>
      </dle>
      ENDDLE
      To restore, position tape at start of file and run:
      \tdd if=<tape> bs=32k skip=1 | /bin/gzip -dc | /usr/lib/amanda/application/amcodavol restore [./file-to-restore]+\s
      """;

  private static AmandaFileHeader parse(String text) {
    return AmandaFileHeader.parse(TestHeaders.block(text), "test.hdr");
  }

  @Test
  void parsesARealClientCompressedPart() {
    AmandaFileHeader h = parse(REAL_CLIENT_GZIP);
    assertThat(h.kind()).isEqualTo(Kind.SPLIT_FILE);
    assertThat(h.isDump()).isTrue();
    assertThat(h.datestamp()).isEqualTo("20240306053300");
    assertThat(h.host()).isEqualTo("localhost");
    assertThat(h.disk()).isEqualTo("coda.root");
    assertThat(h.partNumber()).isEqualTo(1);
    assertThat(h.totalParts()).isEqualTo(-1);
    assertThat(h.level()).isZero();
    assertThat(h.compSuffix()).isEqualTo(".gz");
    assertThat(h.isCompressed()).isTrue();
    assertThat(h.program()).isEqualTo("APPLICATION");
    assertThat(h.application()).isEqualTo("amcodavol");
    assertThat(h.origSizeKb()).isEqualTo(2552);
    assertThat(h.nativeCrc()).isEqualTo(new Crc(0xdc6b9e38L, 2612396));
    assertThat(h.clientCrc()).isEqualTo(new Crc(0x64afc379L, 2606483));
    assertThat(h.serverCrc()).isEqualTo(new Crc(0x64afc379L, 2606483));
    assertThat(h.dleCompress()).isEqualTo("FAST");
    assertThat(h.compressionSite()).isEqualTo(CompressionSite.CLIENT);
    assertThat(h.isEncrypted()).isFalse();
    assertThat(h.partial()).isFalse();
    assertThat(h.dle()).startsWith("<dle>").endsWith("</dle>").contains("<plugin>amcodavol");
    assertThat(h.tapeLabel()).isNull();
    assertThat(h.describe()).isEqualTo("localhost:coda.root 20240306053300 level 0 part 1/?");
  }

  @Test
  void parsesARealServerCompressedPart() {
    AmandaFileHeader h = parse(REAL_SERVER_GZIP);
    assertThat(h.level()).isEqualTo(2);
    assertThat(h.dleCompress()).isEqualTo("SERVER-BEST");
    assertThat(h.compressionSite()).isEqualTo(CompressionSite.SERVER);
    assertThat(h.nativeCrc()).isNotEqualTo(h.serverCrc());
  }

  @Test
  void parsesAnUncompressedPartAndATapeLabel() {
    AmandaFileHeader h =
        parse(
            "AMANDA: SPLIT_FILE 20240310082400 localhost proj.src  part 3/-1  lev 2 comp N"
                + " program APPLICATION\nAPPLICATION=amcodavol\n");
    assertThat(h.isCompressed()).isFalse();
    assertThat(h.compressionSite()).isEqualTo(CompressionSite.NONE);
    assertThat(h.partNumber()).isEqualTo(3);
    assertThat(h.nativeCrc()).isEqualTo(Crc.UNKNOWN);

    AmandaFileHeader label = parse("AMANDA: TAPESTART DATE 20240301002500 TAPE CODA-01\n\f\n");
    assertThat(label.kind()).isEqualTo(Kind.TAPESTART);
    assertThat(label.isDump()).isFalse();
    assertThat(label.tapeLabel()).isEqualTo("CODA-01");
    assertThat(label.datestamp()).isEqualTo("20240301002500");
    assertThat(label.level()).isEqualTo(-1);

    assertThat(parse("AMANDA: TAPESTART DATE X TAPE CODA-09\n").datestamp()).isEqualTo("X");
    assertThat(parse("AMANDA: TAPEEND DATE 20240301002500\n").kind()).isEqualTo(Kind.TAPEEND);
    assertThat(parse("AMANDA: TAPEEND\n").datestamp()).isEmpty();
  }

  @Test
  void parsesAnIndexHeaderCopyAndOldEightDigitDatestamps() {
    AmandaFileHeader h =
        parse("AMANDA: FILE 20240306 localhost u.alice lev 1 comp .gz program APPLICATION\n");
    assertThat(h.kind()).isEqualTo(Kind.FILE);
    assertThat(h.datestamp()).isEqualTo("20240306");
    assertThat(h.partNumber()).isZero();
    assertThat(h.describe()).isEqualTo("localhost:u.alice 20240306 level 1");
    // "program" is optional in old headers; "C" is the pre-2.2 name of .Z
    AmandaFileHeader old = parse("AMANDA: FILE 19990101 host /usr lev 0 comp C\n");
    assertThat(old.compSuffix()).isEqualTo(".Z");
    assertThat(old.program()).isNull();
  }

  @Test
  void unquotesDiskNames() {
    AmandaFileHeader h =
        parse(
            "AMANDA: SPLIT_FILE 20240306053300 localhost \"/vicepa/my vol \\\"x\\\"\\t\\\\\""
                + "  part 2/5  lev 1 comp N program APPLICATION\n");
    assertThat(h.disk()).isEqualTo("/vicepa/my vol \"x\"\t\\");
    assertThat(h.partNumber()).isEqualTo(2);
    assertThat(h.totalParts()).isEqualTo(5);
    assertThat(
            parse("AMANDA: FILE 20240306053300 h \"a\\101b\" lev 1 comp N program DUMP\n").disk())
        .isEqualTo("aAb");
  }

  @Test
  void readsEncryptionAndCustomCompression() {
    AmandaFileHeader h =
        parse(
            "AMANDA: SPLIT_FILE 20240306053300 localhost u.alice  part 1/-1  lev 0 comp .gz"
                + " program APPLICATION crypt enc server_encrypt /usr/sbin/amcryptsimple"
                + " server_decrypt_option -d\n");
    assertThat(h.isEncrypted()).isTrue();
    assertThat(h.encryptSuffix()).isEqualTo("enc");
    assertThat(h.serverEncrypt()).isEqualTo("/usr/sbin/amcryptsimple");
    assertThat(h.serverDecryptOption()).isEqualTo("-d");

    AmandaFileHeader c =
        parse(
            "AMANDA: FILE 20240306053300 localhost u.alice lev 0 comp cust program APPLICATION"
                + " client_custom_compress /usr/bin/zstd client_encrypt /bin/enc\n");
    assertThat(c.clientCustomCompress()).isEqualTo("/usr/bin/zstd");
    assertThat(c.compressionSite()).isEqualTo(CompressionSite.CLIENT);
    assertThat(c.clientEncrypt()).isEqualTo("/bin/enc");
    assertThat(c.isEncrypted()).isTrue();
  }

  @Test
  void rejectsWhatIsNotAnAmandaHeader() {
    assertThatThrownBy(() -> AmandaFileHeader.parse(new byte[32768], "slot1/00003.x"))
        .isInstanceOf(AmandaHeaderException.class)
        .hasMessageContaining("slot1/00003.x")
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("\u001f\u008b\bgzip data"))
        .hasMessageContaining("test.hdr: not an Amanda file header");
    assertThatThrownBy(() -> parse("AMANDA: WEIRD 2024\n"))
        .hasMessageContaining("unknown file type");
  }

  @Test
  void malformedFirstLinesSayWhatIsWrong() {
    String base = "AMANDA: SPLIT_FILE 20240306053300 localhost u.alice  part 1/-1  lev 0 comp N\n";
    assertThat(parse(base).level()).isZero();
    assertThatThrownBy(() -> parse(base.replace("lev 0", "level 0")))
        .hasMessageContaining("expected 'lev'")
        .hasMessageContaining("found 'level'");
    assertThatThrownBy(() -> parse(base.replace("lev 0", "lev x")))
        .hasMessageContaining("level 'x' is not a number");
    assertThatThrownBy(() -> parse(base.replace("part 1/-1", "part 1")))
        .hasMessageContaining("<part>/<total>");
    assertThatThrownBy(() -> parse(base.replace("part 1/-1", "part 0/-1")))
        .hasMessageContaining("impossible part 0/-1");
    assertThatThrownBy(() -> parse(base.replace("20240306053300", "2024-03-06")))
        .hasMessageContaining("'2024-03-06' is not a datestamp");
    assertThatThrownBy(() -> parse(base.replace(" comp N", "")))
        .hasMessageContaining("expected 'comp'")
        .hasMessageContaining("the line ends");
    assertThatThrownBy(() -> parse(base.replace("comp N", "comp N cat")))
        .hasMessageContaining("expected 'program'");
    assertThatThrownBy(() -> parse("AMANDA: TAPESTART DATE 20240301002500 LABEL X\n"))
        .hasMessageContaining("expected 'TAPE'");
  }

  @Test
  void malformedLinesAfterTheFirstAreReported() {
    String first = "AMANDA: FILE 20240306053300 localhost u.alice lev 0 comp N program X\n";
    assertThatThrownBy(() -> parse(first + "NATIVE-CRC=zz:12\n"))
        .isInstanceOf(AmandaHeaderException.class)
        .hasMessageContaining("NATIVE-CRC is not <crc>:<bytes>: 'zz:12'");
    assertThatThrownBy(() -> parse(first + "ORIGSIZE=big\n")).hasMessageContaining("ORIGSIZE");
    assertThatThrownBy(() -> parse(first + "DLE=<<ENDDLE\n<dle>\n"))
        .hasMessageContaining("no end line 'ENDDLE'");
    assertThat(parse(first + "PARTIAL=YES\n").partial()).isTrue();
  }

  @Test
  void readRefusesShortFiles(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("00001.localhost.u.alice.0");
    byte[] text = "AMANDA: FILE 20240306053300 h d lev 0 comp N\n".getBytes(StandardCharsets.UTF_8);
    Files.write(f, text);
    assertThatThrownBy(() -> AmandaFileHeader.read(f))
        .isInstanceOf(AmandaHeaderException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("holds only " + text.length + " bytes");
    assertThatThrownBy(() -> AmandaFileHeader.read(dir.resolve("nope")))
        .hasMessageContaining("no such file");
  }

  /** Every file on the shared fixture's vtapes parses, and agrees with its manifest. */
  @Test
  void readsEveryHeaderOfARealFixture() throws IOException {
    Path fixture = Path.of("/tmp/amfix");
    Path manifest = fixture.resolve("catalog/manifest.json");
    assumeTrue(Files.isReadable(manifest), "no readable Amanda fixture at /tmp/amfix");
    JsonNode files = new ObjectMapper().readTree(manifest.toFile()).get("vtape_files");
    assertThat(files.size()).isGreaterThan(10);
    int partials = 0;
    for (JsonNode f : files) {
      Path file =
          fixture.resolve("vtapes").resolve(f.get("slot").asText()).resolve(f.get("file").asText());
      assumeTrue(Files.isReadable(file), "cannot read " + file + " (run as root or backup)");
      AmandaFileHeader h = AmandaFileHeader.read(file);
      List<String> first = List.of(f.get("header").asText().trim().split(" +"));
      if (h.kind() == Kind.TAPESTART) {
        assertThat(h.tapeLabel()).isEqualTo(f.get("label").asText());
        assertThat(first)
            .containsExactly("AMANDA:", "TAPESTART", "DATE", h.datestamp(), "TAPE", h.tapeLabel());
      } else {
        assertThat(first.subList(0, 5))
            .containsExactly("AMANDA:", h.kind().name(), h.datestamp(), h.host(), h.disk());
        assertThat(first).contains("lev", Integer.toString(h.level()), h.compSuffix());
        assertThat(file.getFileName().toString()).endsWith("." + h.disk() + "." + h.level());
        // the failed day-4 dump left a PARTIAL=YES part with only a SERVER-CRC
        assertThat(h.nativeCrc().isKnown()).isEqualTo(!h.partial());
        assertThat(h.serverCrc().isKnown()).isTrue();
        if (h.partial()) {
          partials++;
        }
        assertThat(h.compressionSite())
            .isEqualTo(
                switch (h.disk()) {
                  case "coda.root" -> CompressionSite.CLIENT;
                  case "u.alice" -> CompressionSite.SERVER;
                  default -> CompressionSite.NONE;
                });
      }
    }
    assertThat(partials).isEqualTo(1);
    try (Stream<Path> index = Files.walk(fixture.resolve("state/index"))) {
      for (Path hdr : index.filter(p -> p.toString().endsWith(".header")).toList()) {
        AmandaFileHeader h = AmandaFileHeader.parse(Files.readAllBytes(hdr), hdr.toString());
        assertThat(h.kind()).isEqualTo(Kind.FILE);
        assertThat(hdr.getFileName().toString())
            .isEqualTo(h.datestamp() + "_" + h.level() + ".header");
      }
    }
  }
}
