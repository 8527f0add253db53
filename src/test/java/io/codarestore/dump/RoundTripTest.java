package io.codarestore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
  static Stream<Path> realDumps() throws Exception {
    assumeTrue(RealFixtures.available(), "shared fixtures not found");
    return RealFixtures.allDumps();
  }

  @ParameterizedTest
  @MethodSource("realDumps")
  void readThenWriteIsByteIdentical(Path dump) throws Exception {
    byte[] original = Files.readAllBytes(dump);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DumpReader r = DumpReader.open(dump)) {
      DumpCopy.copy(r, new DumpWriter(out), UnaryOperator.identity(), UnaryOperator.identity());
    }
    assertThat(out.toByteArray()).isEqualTo(original);
  }

  @ParameterizedTest
  @MethodSource("realDumps")
  void streamReaderAgreesWithFileReader(Path dump) throws Exception {
    byte[] original = Files.readAllBytes(dump);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpReader r = new DumpReader(new java.io.ByteArrayInputStream(original), dump.toString());
    DumpCopy.copy(r, new DumpWriter(out), UnaryOperator.identity(), UnaryOperator.identity());
    assertThat(out.toByteArray()).isEqualTo(original);
  }
}
