package io.codarestore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of shared/design.md, checked on the compiled classes. */
class ArchitectureTest {
  private static final String[] CORE = {
    "io.codarestore.core..",
    "io.codarestore.dump..",
    "io.codarestore.amanda..",
    "io.codarestore.catalog..",
    "io.codarestore.plan..",
    "io.codarestore.restore.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.codarestore");
  }

  @Test
  void coreNeverImportsJavaFx() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "org.controlsfx..", "io.codarestore.ui..")
        .check(classes);
  }

  @Test
  void dumpUsesTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("io.codarestore.dump..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.codarestore.dump..", "io.codarestore.core..")
        .check(classes);
  }

  @Test
  void backupUsesDumpAndCoreOnly() {
    classes()
        .that()
        .resideInAPackage("io.codarestore.backup..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "io.codarestore.backup..", "io.codarestore.dump..", "io.codarestore.core..")
        .check(classes);
  }

  @Test
  void lowerLayersDoNotUseHigherOnes() {
    noClasses()
        .that()
        .resideInAnyPackage("io.codarestore.dump..", "io.codarestore.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.codarestore.amanda..",
            "io.codarestore.catalog..",
            "io.codarestore.plan..",
            "io.codarestore.restore..",
            "io.codarestore.cli..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("io.codarestore.amanda..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.codarestore.catalog..",
            "io.codarestore.plan..",
            "io.codarestore.restore..",
            "io.codarestore.cli..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("io.codarestore.catalog..", "io.codarestore.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.codarestore.restore..", "io.codarestore.cli..")
        .check(classes);
  }

  @Test
  void userInterfaceAndCommandLineStayApart() {
    noClasses()
        .that()
        .resideInAPackage("io.codarestore.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.codarestore.ui..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.codarestore.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.codarestore.cli..")
        .check(classes);
  }

  @Test
  void userInterfaceDoesNotTouchAmanda() {
    noClasses()
        .that()
        .resideInAPackage("io.codarestore.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.codarestore.amanda..")
        .check(classes);
  }

  /**
   * The wizard reads a dump the user opened (the dump browser) only through the dump package's
   * public reading and extraction surface and the format's records (header, volume, vnode, ACL);
   * the internals (vnode and section readers, the merger, the writer) stay behind it.
   */
  @Test
  void userInterfaceUsesOnlyTheDumpPackagesPublicSurface() {
    noClasses()
        .that()
        .resideInAPackage("io.codarestore.ui..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "dump internals",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    c.getPackageName().equals("io.codarestore.dump")
                        && !java.util.Set.of(
                                "DumpReader",
                                "DumpTree",
                                "TreeDirectory",
                                "DumpListing",
                                "ListingEntry",
                                "Extraction",
                                "ExtractRequest",
                                "ExtractReport",
                                "Acl",
                                "DumpHeader",
                                "VolumeDiskData",
                                "VnodeRecord")
                            .contains(c.getName().replaceAll("^.*\\.|\\$.*$", ""))))
        .check(classes);
  }

  /**
   * Every restore of both fronts goes through {@code restore.RestoreService}: neither the command
   * line nor the wizard runs the file index's path restore or a dump extraction themselves, so a
   * new route that bypasses the service fails here.
   */
  @Test
  void theFrontsRestoreOnlyThroughTheRestoreService() {
    noClasses()
        .that()
        .resideInAnyPackage("io.codarestore.cli..", "io.codarestore.ui..")
        .should()
        .dependOnClassesThat()
        .haveNameMatching("io\\.codarestore\\.index\\.PathRestore(\\$.*)?")
        .orShould()
        .callMethodWhere(
            com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.type(
                            io.codarestore.dump.Extraction.class)))
                .and(
                    com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(
                            "run.*"))))
        .check(classes);
  }

  /**
   * The wizard's view models hold the pages' state and rules in plain Java, tested without a
   * toolkit: none uses JavaFX or ControlsFX (the settings window's model binds properties and is
   * the exception).
   */
  @Test
  void pageViewModelsUseNoToolkit() {
    noClasses()
        .that()
        .resideInAPackage("io.codarestore.ui..")
        .and()
        .resideOutsideOfPackage("io.codarestore.ui.settings..")
        .and()
        .haveNameMatching(".*Model(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "org.controlsfx..")
        .check(classes);
  }

  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("io.codarestore.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void noCyclesBetweenUiSubPackages() {
    slices().matching("io.codarestore.ui.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheCommandLinePrintsToStandardStreams() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.codarestore.cli..")
        .should(ACCESS_STANDARD_STREAMS)
        .check(classes);
  }
}
