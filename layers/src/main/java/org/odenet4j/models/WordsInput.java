package org.odenet4j.models;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.HashTable;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.strings.Lower;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A tagger's word input, built in the graph: {@code words} (string {@code [batch, length]}, any
 * length, {@code ""} = padding) are lower-cased when the vocabulary is, looked up in a hash table
 * initialised from the vocabulary file (unknown words and {@value WordVocabulary#PAD_TOKEN} →
 * {@value OdeTagger#UNK}, {@code ""} → {@value OdeTagger#PAD}), padded to a multiple of the
 * tagger's {@code maxLength} and cut into windows of {@code maxLength} tokens, {@link #windows()}
 * {@code [batch · windows, maxLength]}. {@link #sentenceOrder} puts the windows' per-token outputs
 * back in sentence order and adds the tag names ({@code ""} at padding).
 *
 * <p>The table is initialised by {@link #initializer()}, which a SavedModel runs as its init op
 * with the vocabulary asset's path fed to {@code vocabularyPath}.
 */
public final class WordsInput {
  private final Ops tf;
  private final WordVocabulary vocabulary;
  private final int maxLength;
  private final Placeholder<TString> words;
  private final Operand<TBool> padding;
  private final Operand<TInt32> batch;
  private final Operand<TInt32> length;
  private final Op initializer;
  private final Operand<TInt32> windows;

  private WordsInput(
      Ops tf, WordVocabulary vocabulary, Operand<TString> vocabularyPath, int maxLength) {
    this.tf = tf;
    this.vocabulary = vocabulary;
    this.maxLength = maxLength;
    this.words =
        tf.withName(Models.WORDS).placeholder(TString.class, Placeholder.shape(Shape.of(-1, -1)));
    // built once, shared by the lookup, the windows and the per-word outputs
    this.padding = tf.math.equal(words, tf.constant(""));
    Operand<TInt32> shape = tf.shape(words);
    this.batch = tf.gather(shape, tf.constant(0), tf.constant(0));
    this.length = tf.gather(shape, tf.constant(1), tf.constant(0));
    HashTable table =
        tf.withName("vocabulary_table")
            .hashTable(
                TString.class, TInt64.class, HashTable.sharedName(sharedName(vocabulary.words())));
    // key = the whole line, value = the line number: line i holds the word with id i
    this.initializer =
        tf.withName("vocabulary_init").initializeTableFromTextFile(table, vocabularyPath, -2L, -1L);
    this.windows = windows(ids(table));
  }

  /**
   * Builds the lookup; {@code vocabularyPath} is the (fed) path of the file {@link
   * WordVocabulary#assetBytes} wrote.
   */
  public static WordsInput build(
      Ops tf, WordVocabulary vocabulary, Operand<TString> vocabularyPath, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException(
          "words input: expected maxLength >= 1, found " + maxLength);
    }
    return new WordsInput(tf, vocabulary, vocabularyPath, maxLength);
  }

  /** The {@code words} placeholder, string {@code [-1, -1]}. */
  public Placeholder<TString> words() {
    return words;
  }

  /** The table's initializer (the SavedModel's init op runs it). */
  public Op initializer() {
    return initializer;
  }

  /** Token ids, {@code [batch · windows, maxLength]}, 0 = padding. */
  public Operand<TInt32> windows() {
    return windows;
  }

  private Operand<TInt32> ids(HashTable table) {
    Operand<TString> keys =
        vocabulary.lowerCase() ? tf.strings.lower(words, Lower.encoding("utf-8")) : words;
    Operand<TInt64> found = tf.lookupTableFind(table, keys, tf.constant((long) OdeTagger.UNK));
    Operand<TInt64> unk = tf.fill(tf.shape(found, TInt64.class), tf.constant((long) OdeTagger.UNK));
    Operand<TInt64> pad = tf.zerosLike(found);
    Operand<TInt64> ids =
        tf.select(tf.math.equal(keys, tf.constant(WordVocabulary.PAD_TOKEN)), unk, found);
    ids = tf.select(padding, pad, ids);
    return tf.dtypes.cast(ids, TInt32.class);
  }

  /** Pads the ids' length to a multiple of maxLength (at least one window) and cuts windows. */
  private Operand<TInt32> windows(Operand<TInt32> ids) {
    Operand<TInt32> m = tf.constant(maxLength);
    Operand<TInt32> windowsPerRow =
        tf.math.maximum(
            tf.math.floorDiv(tf.math.add(length, tf.constant(maxLength - 1)), m), tf.constant(1));
    Operand<TInt32> extra = tf.math.sub(tf.math.mul(windowsPerRow, m), length);
    Operand<TInt32> paddings =
        tf.reshape(
            tf.stack(List.of(tf.constant(0), tf.constant(0), tf.constant(0), extra)),
            tf.constant(new int[] {2, 2}));
    Operand<TInt32> padded = tf.pad(ids, paddings, tf.constant(OdeTagger.PAD));
    return tf.reshape(padded, tf.constant(new int[] {-1, maxLength}));
  }

  /**
   * The per-word outputs of the windows' outputs {@code out}: logits and probabilities {@code
   * [batch, length, tags]}, classes {@code [batch, length]}, in sentence order.
   */
  public ClassifierOutputs sentenceOrder(ClassifierOutputs out) {
    return new ClassifierOutputs(
        perWord(out.logits(), true),
        perWord(out.probabilities(), true),
        perWord(out.classes(), false));
  }

  /** Tag names of {@code classes} ({@code [batch, length]}), {@code ""} where the word is "". */
  public Operand<TString> tags(Operand<TInt64> classes) {
    Operand<TString> names =
        tf.gather(
            tf.constant(
                org.tensorflow.ndarray.NdArrays.vectorOfObjects(
                    vocabulary.tags().toArray(String[]::new))),
            classes,
            tf.constant(0));
    return tf.select(padding, tf.fill(tf.shape(words), tf.constant("")), names);
  }

  private <T extends org.tensorflow.types.family.TType> Operand<T> perWord(
      Operand<T> windowed, boolean perClass) {
    Operand<TInt32> rows =
        tf.stack(
            perClass
                ? List.of(batch, tf.constant(-1), tf.constant((int) windowed.shape().size(-1)))
                : List.of(batch, tf.constant(-1)));
    Operand<T> sentences = tf.reshape(windowed, rows);
    Operand<TInt32> begin = tf.constant(perClass ? new int[] {0, 0, 0} : new int[] {0, 0});
    Operand<TInt32> size =
        tf.stack(
            perClass
                ? List.of(tf.constant(-1), length, tf.constant(-1))
                : List.of(tf.constant(-1), length));
    return tf.slice(sentences, begin, size);
  }

  /** A table name unique to the vocabulary's content (tables with one name are shared). */
  private static String sharedName(List<String> words) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String w : words) {
        sha.update(w.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return "odenet_vocabulary_" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
