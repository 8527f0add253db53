package io.codarestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.codarestore.catalog.CatalogDump;
import io.codarestore.core.Datestamp;
import io.codarestore.plan.RestorePoint;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Amanda run datestamps are typed from the catalog up (design.md: "Times are typed"): no public
 * record of {@code catalog}, {@code plan}, {@code restore} or {@code index} carries one as a {@code
 * String}, so that nothing above the catalog slices date strings again.
 */
class TypedDatestampsTest {
  private static final String[] PACKAGES = {
    "io.codarestore.catalog",
    "io.codarestore.plan",
    "io.codarestore.restore",
    "io.codarestore.index"
  };

  /** A record in the old shape, to show that the check finds it. */
  public record OldShape(String datestamp, String tapeDatestamp, int level) {}

  @Test
  void noPublicRecordOfTheCoreCarriesADatestampAsAString() {
    List<Class<?>> records = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PACKAGES)) {
      Class<?> type = c.reflect();
      if (type.isRecord() && isPublic(type)) {
        records.add(type);
      }
    }
    // The check looks at the records that carry datestamps, not at an empty list.
    assertThat(records).contains(CatalogDump.class, RestorePoint.class);
    List<String> found = new ArrayList<>();
    for (Class<?> r : records) {
      found.addAll(stringDatestamps(r));
    }
    assertThat(found).as("String datestamps in public records").isEmpty();
    assertThat(CatalogDump.class.getRecordComponents())
        .filteredOn(rc -> rc.getName().equals("datestamp"))
        .singleElement()
        .satisfies(rc -> assertThat(rc.getType()).isEqualTo(Datestamp.class));
  }

  @Test
  void theCheckFindsStringDatestamps() {
    assertThat(stringDatestamps(OldShape.class))
        .containsExactly(
            OldShape.class.getName() + ".datestamp", OldShape.class.getName() + ".tapeDatestamp");
  }

  /** The components named {@code datestamp} or {@code ...Datestamp} whose type is String. */
  static List<String> stringDatestamps(Class<?> record) {
    List<String> out = new ArrayList<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      String n = rc.getName();
      if ((n.equals("datestamp") || n.endsWith("Datestamp")) && rc.getType() == String.class) {
        out.add(record.getName() + "." + n);
      }
    }
    return out;
  }

  private static boolean isPublic(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
