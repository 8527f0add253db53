package io.codarestore.amanda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vtape root of an Amanda {@code chg-disk:} changer: directories {@code slot1 .. slotN}, each a
 * virtual tape whose file 0 ({@code 00000.<label>}) carries the label and whose files {@code
 * <fileno:05d>.<host>.<disk>.<level>} are the dump parts. The library is a snapshot taken when it
 * is created: it reads the label header of every slot once.
 */
public final class VtapeLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(VtapeLibrary.class);
  private static final Pattern SLOT = Pattern.compile("slot[0-9]{1,9}");

  private final Path root;
  private final Map<String, Path> slotsByLabel;
  private final List<String> warnings;

  /**
   * Scans {@code root} for slots and their labels.
   *
   * @throws MissingPartException when {@code root} is not a directory
   */
  public VtapeLibrary(Path root) {
    this.root = root;
    if (!Files.isDirectory(root)) {
      throw new MissingPartException(
          root + ": no such vtape directory (the root of the chg-disk changer)");
    }
    Map<String, Path> labels = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (Path slot : slots(root)) {
      Path labelFile = labelFile(slot);
      if (labelFile == null) {
        continue; // an empty slot: a tape never labelled
      }
      String fromName = labelFile.getFileName().toString().substring("00000.".length());
      String label = fromName;
      try {
        AmandaFileHeader header = AmandaFileHeader.read(labelFile);
        if (header.kind() != AmandaFileHeader.Kind.TAPESTART) {
          notes.add(labelFile + ": file 0 is not a tape label (" + header.kind() + "); skipped");
          continue;
        }
        label = header.tapeLabel();
        if (!label.equals(fromName)) {
          notes.add(labelFile + ": the header says label " + label + "; using it, not the name");
        }
      } catch (AmandaHeaderException e) {
        notes.add(e.getMessage() + "; taking the label " + fromName + " from the file name");
      }
      Path previous = labels.putIfAbsent(label, slot);
      if (previous != null) {
        notes.add(
            "label "
                + label
                + " is in two slots, "
                + previous.getFileName()
                + " and "
                + slot.getFileName()
                + "; using "
                + previous.getFileName());
      }
    }
    notes.forEach(n -> LOG.warn("{}", n));
    this.slotsByLabel = Collections.unmodifiableMap(labels);
    this.warnings = List.copyOf(notes);
  }

  public Path root() {
    return root;
  }

  /** The labels found, sorted. */
  public List<String> labels() {
    return List.copyOf(slotsByLabel.keySet());
  }

  /** The slot directory holding the tape with {@code label}, if any. */
  public Optional<Path> slotOf(String label) {
    return Optional.ofNullable(slotsByLabel.get(label));
  }

  /** Things noticed while scanning (unreadable labels, a label in two slots). */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The file holding tape file {@code fileNumber} of the tape {@code label}.
   *
   * @throws MissingPartException when no slot holds the label or the tape has no such file
   */
  public Path fileOf(String label, int fileNumber) {
    Path slot = slotsByLabel.get(label);
    if (slot == null) {
      throw new MissingPartException(
          "no slot under "
              + root
              + " holds tape "
              + label
              + (slotsByLabel.isEmpty() ? " (no labelled tapes at all)" : " (found " + labels())
              + ")");
    }
    String prefix = String.format(Locale.ROOT, "%05d.", fileNumber);
    List<Path> matches = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(slot, prefix + "*")) {
      files.forEach(matches::add);
    } catch (IOException e) {
      throw new MissingPartException("cannot list " + slot + " (tape " + label + "): " + e, e);
    }
    if (matches.isEmpty()) {
      throw new MissingPartException(
          "tape "
              + label
              + " has no file "
              + fileNumber
              + ": "
              + slot.resolve(prefix + "*")
              + " does not exist (overwritten or removed?)");
    }
    if (matches.size() > 1) {
      Collections.sort(matches);
      throw new MissingPartException(
          "tape " + label + " has several files numbered " + fileNumber + ": " + matches);
    }
    return matches.get(0);
  }

  private static List<Path> slots(Path root) {
    List<Path> slots = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        // "data" is a symlink to the current slot; only real slotN directories count
        if (SLOT.matcher(entry.getFileName().toString()).matches()
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          slots.add(entry);
        }
      }
    } catch (IOException e) {
      throw new MissingPartException("cannot list the vtape directory " + root + ": " + e, e);
    }
    slots.sort(
        (a, b) ->
            Integer.compare(
                Integer.parseInt(a.getFileName().toString().substring(4)),
                Integer.parseInt(b.getFileName().toString().substring(4))));
    return slots;
  }

  private static Path labelFile(Path slot) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(slot, "00000.*")) {
      for (Path f : files) {
        return f;
      }
      return null;
    } catch (IOException e) {
      throw new MissingPartException("cannot list vtape slot " + slot + ": " + e, e);
    }
  }
}
