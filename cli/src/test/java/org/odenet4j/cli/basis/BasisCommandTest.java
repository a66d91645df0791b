package org.odenet4j.cli.basis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odenet4j.cli.Cli;

class BasisCommandTest {
  @Test
  void withoutASubcommandItNamesTheSubcommands() {
    assertThat(Cli.run("basis").usageError())
        .startsWith("missing command: expected one of project, eval, matrix, found nothing");
  }

  @Test
  void aMistypedSubcommandGetsASuggestion() {
    assertThat(Cli.run("basis", "projet").usageError())
        .contains("found 'projet'")
        .contains("did you mean project");
  }

  @Test
  void helpListsTheSubcommands() {
    Cli.Result r = Cli.run("basis", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("project").contains("eval").contains("matrix");
  }
}
