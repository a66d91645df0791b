package org.odenet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagSetTest {

  @TempDir Path dir;

  @Test
  void universalOrder() {
    TagSet t = TagSet.universal();
    assertThat(t.size()).isEqualTo(12);
    assertThat(t.id("NOUN")).isZero();
    assertThat(t.id(".")).isEqualTo(11);
    assertThat(t.tag(1)).isEqualTo("VERB");
  }

  @Test
  void buildOrdersByFrequencyThenName() {
    TagSet t =
        TagSet.build(
            List.of(
                new TaggedSentence(List.of("a", "b", "c", "d"), List.of("nn", "at", "nn", "in")),
                new TaggedSentence(List.of("e"), List.of("at"))));
    assertThat(t.tags()).containsExactly("at", "nn", "in");
  }

  @Test
  void unknownTagIsAnError() {
    assertThatThrownBy(() -> TagSet.of(List.of("A", "B")).id("C"))
        .hasMessage("tag: expected one of [A, B], found 'C'");
    assertThatThrownBy(() -> TagSet.of(List.of("A", "A")))
        .hasMessage("tag set: expected distinct tags, found 'A' twice");
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    Path f = dir.resolve("tags.txt");
    TagSet.universal().save(f);
    assertThat(Files.readAllLines(f)).startsWith("# odenet4j tagset", "# size=12", "NOUN");
    assertThat(TagSet.load(f)).isEqualTo(TagSet.universal());
    Files.writeString(f, "# odenet4j tagset\n# size=3\nA\nB\n");
    assertThatThrownBy(() -> TagSet.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": number of tags: expected 3 (size= in the header), found 2");
    Files.writeString(f, "# odenet4j tagset\n# size=2\nA\nA\n");
    assertThatThrownBy(() -> TagSet.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": tag set: expected distinct tags, found 'A' twice");
    Files.writeString(f, "# odenet4j tagset\n# size=-1\n");
    assertThatThrownBy(() -> TagSet.load(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ": line 2, size: expected an integer >= 0, found '-1'");
  }

  /** The asset bytes are exactly the saved file, so a model's assets load like saved files. */
  @Test
  void toBytesIsTheSavedFile() throws IOException {
    TagSet v = TagSet.universal();
    Path f = dir.resolve("saved-tagset.txt");
    v.save(f);
    assertThat(v.toBytes()).isEqualTo(Files.readAllBytes(f));
    Files.write(f, v.toBytes());
    assertThat(TagSet.load(f)).isEqualTo(v);
  }
}
