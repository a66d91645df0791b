package org.odenet4j.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the compiled main classes of every library
 * module and the CLI (tests excluded): which module's packages may use which, which modules stay
 * free of TensorFlow and picocli, and no cycles between packages. The Maven poms allow more than
 * these rules only where a dependency is transitive; these rules are the contract.
 */
class ArchitectureTest {

  /** Module → its packages (below {@code org.odenet4j}), in dependency order. */
  private static final Map<String, List<String>> MODULES = new LinkedHashMap<>();

  /** Module → the modules whose packages it may use (besides its own). */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    module("basis", List.of("basis", "integrate", "text"));
    module("tf-ops", List.of("ops", "nativelib"), "basis");
    module("data", List.of("data"), "basis");
    module("layers", List.of("layers", "ode", "units", "models"), "tf-ops", "basis");
    module("savedmodel-io", List.of("savedmodel"), "layers", "tf-ops", "basis");
    module(
        "train",
        List.of("train", "evaluate"),
        "savedmodel-io",
        "layers",
        "tf-ops",
        "basis",
        "data");
    module("compression", List.of("compression"), "savedmodel-io", "layers", "tf-ops", "basis");
  }

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.odenet4j");

  private static void module(String name, List<String> packages, String... allowed) {
    MODULES.put(name, packages);
    ALLOWED.put(name, Set.of(allowed));
  }

  private static String[] packagesOf(Stream<String> modules) {
    return modules
        .flatMap(m -> MODULES.get(m).stream())
        .map(p -> "org.odenet4j." + p + "..")
        .toArray(String[]::new);
  }

  static List<String> modules() {
    return new ArrayList<>(MODULES.keySet());
  }

  /** The import really saw every package the rules name (a rule over no classes proves nothing). */
  @Test
  void everyRuledPackageHasClasses() {
    Set<String> seen = CLASSES.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    for (List<String> packages : MODULES.values()) {
      for (String p : packages) {
        assertThat(seen).as("classes imported").contains("org.odenet4j." + p);
      }
    }
    assertThat(seen).contains("org.odenet4j.cli");
  }

  @ParameterizedTest(name = "{0} uses only the modules it is allowed")
  @MethodSource("modules")
  void aModuleUsesOnlyTheModulesBelowIt(String module) {
    Stream<String> forbidden =
        MODULES.keySet().stream()
            .filter(m -> !m.equals(module) && !ALLOWED.get(module).contains(m));
    List<String> above = new ArrayList<>(List.of(packagesOf(forbidden)));
    above.add("org.odenet4j.cli..");
    above.add("org.odenet4j.it..");
    noClasses()
        .that()
        .resideInAnyPackage(packagesOf(Stream.of(module)))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(above.toArray(String[]::new))
        .because(module + " may use only " + ALLOWED.get(module) + " (ARCHITECTURE.md)")
        .check(CLASSES);
  }

  @Test
  void pureJavaModulesDoNotUseTensorFlow() {
    noClasses()
        .that()
        .resideInAnyPackage(packagesOf(Stream.of("basis", "data")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.tensorflow..", "com.google.protobuf..")
        .because(
            "basis and data are pure Java: a user reading data or projecting bases needs no native library")
        .check(CLASSES);
  }

  @Test
  void onlyTheCliParsesFlags() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.odenet4j.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .because("flags are parsed once, by the CLI; the library takes typed values")
        .check(CLASSES);
  }

  @Test
  void layersKnowNothingOfTheOdeBlocksBuiltOnThem() {
    noClasses()
        .that()
        .resideInAPackage("org.odenet4j.layers")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.odenet4j.ode", "org.odenet4j.units", "org.odenet4j.models")
        .because(
            "ode, units and models are built on layers (per-graph state goes through ParameterRegistry.extension)")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAnyPackage("org.odenet4j.ode", "org.odenet4j.units")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.odenet4j.models")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("org.odenet4j.train")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.odenet4j.evaluate")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.odenet4j.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
