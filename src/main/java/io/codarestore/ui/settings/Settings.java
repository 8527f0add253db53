package io.codarestore.ui.settings;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** An immutable set of remembered values; absent means "never set". */
public final class Settings {
  private final Map<Setting, String> values;

  private Settings(Map<Setting, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Settings empty() {
    return new Settings(new EnumMap<>(Setting.class));
  }

  static Settings of(Map<Setting, String> values) {
    EnumMap<Setting, String> copy = new EnumMap<>(Setting.class);
    copy.putAll(values);
    return new Settings(copy);
  }

  public Optional<String> get(Setting s) {
    return Optional.ofNullable(values.get(s));
  }

  public String get(Setting s, String fallback) {
    return values.getOrDefault(s, fallback);
  }

  /** A number, or empty when absent or not a number (a hand-edited file must not stop start-up). */
  public Optional<Double> number(Setting s) {
    String v = values.get(s);
    if (v == null) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A copy with {@code s} set to {@code value}, or removed when value is null or blank. */
  public Settings with(Setting s, String value) {
    EnumMap<Setting, String> copy = new EnumMap<>(Setting.class);
    copy.putAll(values);
    if (value == null || value.isBlank()) {
      copy.remove(s);
    } else {
      copy.put(s, value);
    }
    return new Settings(copy);
  }

  /** True when the user never chose any source of backups (the first start). */
  public boolean hasNoSource() {
    return values.get(Setting.CONFIG_DIR) == null
        && values.get(Setting.CATALOG) == null
        && values.get(Setting.DEMO) == null
        && values.get(Setting.LOGDIR) == null;
  }

  Map<Setting, String> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Settings other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Settings" + values;
  }
}
