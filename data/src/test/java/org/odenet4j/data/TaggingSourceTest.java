package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaggingSourceTest {
  private final Path f = Path.of("f");

  @Test
  void namesAndAliasesPickTheSource() {
    assertThat(TaggingSource.named("brown"))
        .isEqualTo(new TaggingSource.Brown(BrownInstall.defaultDir(), true));
    assertThat(TaggingSource.named("BROWN")).isEqualTo(TaggingSource.brown());
    assertThat(TaggingSource.named("embedded")).isEqualTo(new TaggingSource.Embedded());
    assertThat(TaggingSource.named("brown-subset")).isEqualTo(TaggingSource.embedded());
    assertThat(TaggingSource.named("subset")).isEqualTo(TaggingSource.embedded());
    assertThatThrownBy(() -> TaggingSource.named("conll2003"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tagging data set: expected brown or embedded (or --train-text/--test-text/--format),"
                + " found conll2003");
  }

  @Test
  void folderSourcesSayWhetherTheyFallBack() {
    Path dir = Path.of("somewhere");
    assertThat(TaggingSource.brownIn(dir)).isEqualTo(new TaggingSource.Brown(dir, false));
    assertThat(TaggingSource.brownOrEmbedded(dir)).isEqualTo(new TaggingSource.Brown(dir, true));
    assertThatThrownBy(() -> TaggingSource.brownIn(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dir");
  }

  @Test
  void filesNeedTrainTestAndFormatButNotDev() {
    assertThat(TaggingSource.files(f, f, CorpusFormat.BROWN))
        .isEqualTo(new TaggingSource.TextFiles(f, null, f, CorpusFormat.BROWN));
    assertThat(
            ((TaggingSource.TextFiles) TaggingSource.files(f, Path.of("d"), f, CorpusFormat.CONLL2))
                .dev())
        .isEqualTo(Path.of("d"));
    assertThatThrownBy(() -> TaggingSource.files(f, null, CorpusFormat.BROWN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "explicit tagging files: expected a train file, a test file and a format,"
                + " found train f, no test file, format brown");
    assertThatThrownBy(() -> TaggingSource.files(null, f, null))
        .hasMessage(
            "explicit tagging files: expected a train file, a test file and a format,"
                + " found no train file, test f, no format");
  }

  @Test
  void formatsKnowTheirNameAndDefaultScheme() {
    assertThat(CorpusFormat.BROWN.id()).isEqualTo("brown");
    assertThat(CorpusFormat.CONLL2.id()).isEqualTo("conll2");
    assertThat(CorpusFormat.BROWN.defaultScheme()).isEqualTo(TagScheme.UNIVERSAL);
    assertThat(CorpusFormat.CONLL2.defaultScheme()).isEqualTo(TagScheme.RAW);
  }
}
