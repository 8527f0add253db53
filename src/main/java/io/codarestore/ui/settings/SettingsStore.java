package io.codarestore.ui.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.properties} in the assistant's configuration directory. A
 * missing file gives empty settings; an unreadable one is logged and gives empty settings too (the
 * user can still work) and is kept aside as {@code settings.properties.bad} at the next save rather
 * than silently overwritten. Saving writes a temporary file and renames it.
 */
public final class SettingsStore {
  static final String FILE = "settings.properties";
  private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

  private final Path dir;
  private boolean unreadable;

  public SettingsStore(Path dir) {
    this.dir = dir;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  public Settings load() {
    Path file = file();
    if (!Files.exists(file)) {
      return Settings.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("cannot read settings {}: {}", file, e.toString());
      unreadable = true;
      return Settings.empty();
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = p.getProperty(s.key());
      if (v != null && !v.isBlank()) {
        values.put(s, v);
      }
    }
    return Settings.of(values);
  }

  public void save(Settings settings) {
    Properties p = new Properties();
    settings.asMap().forEach((k, v) -> p.setProperty(k.key(), v));
    try {
      Files.createDirectories(dir);
      Path file = file();
      if (unreadable && Files.exists(file)) {
        Files.move(file, dir.resolve(FILE + ".bad"), StandardCopyOption.REPLACE_EXISTING);
        unreadable = false;
      }
      Path tmp = Files.createTempFile(dir, FILE, ".tmp");
      try {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          p.store(w, "Coda Restore Assistant settings");
        }
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save settings in " + dir, e);
    }
  }
}
