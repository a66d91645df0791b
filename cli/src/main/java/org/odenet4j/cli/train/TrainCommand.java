package org.odenet4j.cli.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odenet4j.cli.common.Args;
import org.odenet4j.cli.eval.EvalCommand;
import org.odenet4j.cli.eval.EvalDataOptions;
import org.odenet4j.cli.model.ModelOptions;
import org.odenet4j.data.ImageAugmentation;
import org.odenet4j.data.ImageData;
import org.odenet4j.data.ImageSource;
import org.odenet4j.data.TaggingData;
import org.odenet4j.data.TaggingOptions;
import org.odenet4j.evaluate.Evaluation;
import org.odenet4j.evaluate.EvaluationData;
import org.odenet4j.evaluate.ModelEvaluator;
import org.odenet4j.layers.VariableSnapshot;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.ModelSpec;
import org.odenet4j.models.TaggerModelSpec;
import org.odenet4j.models.WordVocabulary;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.ModelExport;
import org.odenet4j.savedmodel.VersionPublisher;
import org.odenet4j.train.Checkpoint;
import org.odenet4j.train.EpochMetrics;
import org.odenet4j.train.ModelTraining;
import org.odenet4j.train.OptimizerSpec;
import org.odenet4j.train.Trainer;
import org.odenet4j.train.TrainerConfig;
import org.odenet4j.train.TrainingData;
import org.odenet4j.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code odenet train image|tagger [data flags] [model flags] [training flags] --out BASE}: trains
 * on real data (full data when installed, else the embedded subset; the source is printed), exports
 * the best (or last) checkpoint as a new version under BASE, then evaluates that exported version
 * on the test split: the accuracy printed is what {@code odenet eval} reports for it.
 */
@Command(
    name = "train",
    description = "Train an image classifier or a tagger and export it as a SavedModel version.")
public final class TrainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "image or tagger")
  String kind;

  @Mixin ModelOptions model;

  @Mixin EvalDataOptions dataOptions;

  @Option(
      names = "--train-images",
      paramLabel = "FILE",
      description = "IDX training images (with --train-labels, --test-images, --test-labels).")
  Path trainImages;

  @Option(names = "--train-labels", paramLabel = "FILE", description = "IDX training labels.")
  Path trainLabels;

  @Option(
      names = "--train-text",
      paramLabel = "FILE",
      description = "Tagged training sentences (with --test-text and --format).")
  Path trainText;

  @Option(
      names = "--dev-text",
      paramLabel = "FILE",
      description = "Tagged development sentences (default: a seeded split of the training data).")
  Path devText;

  @Option(
      names = "--min-count",
      defaultValue = "2",
      description = "Vocabulary frequency cut-off (default: ${DEFAULT-VALUE}).")
  int minCount;

  @Option(
      names = "--epochs",
      defaultValue = "1",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--optimizer",
      description =
          "sgd (Nesterov momentum, coupled decay; default for images) or adamw (default for taggers).")
  String optimizer;

  @Option(
      names = "--lr",
      description =
          "Base learning rate (default: 0.1; with rsqrt warm-up the peak is lr/√warm-up).")
  Double lr;

  @Option(
      names = "--schedule",
      description =
          "cosine, constant, step:E1,E2@F, rsqrt:WARMUP or rsqrt:auto (default: cosine for sgd, rsqrt:auto for adamw).")
  String schedule;

  @Option(
      names = "--momentum",
      defaultValue = "0.9",
      description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = "--no-nesterov", description = "Plain instead of Nesterov momentum.")
  boolean noNesterov;

  @Option(
      names = "--weight-decay",
      description = "Weight decay (default: 5e-4 coupled for sgd, 0.01 decoupled for adamw).")
  Double weightDecay;

  @Option(
      names = "--refine",
      paramLabel = "E1,E2,…",
      split = ",",
      description =
          "Epochs before which every ODE block is split-refined (N doubles; K -> 2K, fem_linear K -> 2K-1), e.g. 2,3,6,8.")
  List<Integer> refine = new ArrayList<>();

  @Option(
      names = "--seed",
      defaultValue = "0",
      description =
          "Seed of initial values, validation split, shuffling, augmentation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--validation",
      defaultValue = "0.1",
      description =
          "Fraction of the training data held out for validation (default: ${DEFAULT-VALUE}).")
  double validation;

  @Option(
      names = "--augment",
      description = "Random crop (pad 2) and horizontal flip of training images.")
  boolean augment;

  @Option(
      names = "--checkpoint",
      defaultValue = "best",
      description =
          "Which values to export: best (validation accuracy) or last (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(
      names = "--eval-batch",
      defaultValue = "500",
      description = "Batch size of validation and test evaluation (default: ${DEFAULT-VALUE}).")
  int evalBatch;

  @Option(
      names = "--metrics",
      paramLabel = "FILE",
      description = "JSON-lines metrics log (default: BASE/logs/train-<UTC time>.jsonl).")
  Path metrics;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "BASE",
      description = "Model base directory; a new numbered version is written under it.")
  Path out;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "Explicit version number (never overwrites).")
  Long version;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "auto, live, lines or none (default: ${DEFAULT-VALUE}).")
  String progressMode;

  @Option(names = "--json", description = "Print a JSON summary last.")
  boolean json;

  // declared here because this command's own --version (the output version) hides the inherited
  // options
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  /** Flags that only an image model uses. */
  static final List<String> IMAGE_ONLY =
      List.of(
          "--train-images",
          "--train-labels",
          "--test-images",
          "--test-labels",
          "--augment",
          "--input",
          "--width",
          "--classes",
          "--stitch-epsilon");

  /** Flags that only a tagger uses. */
  static final List<String> TAGGER_ONLY =
      List.of(
          "--train-text",
          "--dev-text",
          "--test-text",
          "--format",
          "--tag-scheme",
          "--min-count",
          "--vocab",
          "--tags",
          "--max-length",
          "--d-model",
          "--heads",
          "--mlp-dim");

  @Override
  public void run() {
    rejectFlagsOfTheOtherKind();
    if (!checkpoint.equals("best") && !checkpoint.equals("last")) {
      throw new IllegalArgumentException(
          "--checkpoint: expected best or last, found " + checkpoint);
    }
    configBuilder(false)
        .build()
        .learningRateSchedule(1); // bad training flags fail before any data is read
    Args.Progress progress =
        Args.progress(
            progressMode, spec.commandLine().getErr()); // bad flags fail before any data is read
    if (version != null) {
      VersionPublisher.requireNew(
          out, version); // an existing version fails now, not after training
    }
    Args.outputFolder(
        "--out",
        out); // a base (and default metrics log) that cannot be written fails now, before any data
    // is read
    if (metrics != null) {
      Args.outputFile("--metrics", metrics);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelSpec modelSpec = model.spec(kind);
    TrainingData trainingData;
    EvaluationData testData;
    TaggingData tagging = null;
    String source;
    List<String> classNames;
    try {
      if (modelSpec instanceof ImageModelSpec image) {
        ImageSource imageSource =
            dataOptions.imageSource(trainImages, trainLabels, image.classes());
        ImageData data = ImageData.load(imageSource);
        classNames = imageSource.classNames();
        String input = "--input " + EvalDataOptions.dims(image.input());
        String classes = "--classes " + image.classes();
        EvalDataOptions.checkImages(data.train(), image, input, classes);
        EvalDataOptions.checkImages(data.test(), image, input, classes);
        trainingData =
            TrainingData.images(
                data.train(), augment ? ImageAugmentation.standard() : ImageAugmentation.none());
        testData = new EvaluationData.Images(data.test());
        source = data.source();
      } else {
        TaggerModelSpec t = (TaggerModelSpec) modelSpec;
        TaggingOptions options =
            dataOptions.taggingOptions(t.maxLength(), minCount); // fails before the source
        tagging = TaggingData.load(dataOptions.taggingSource(trainText, devText), options);
        modelSpec =
            new TaggerModelSpec(
                tagging.vocabulary().size(),
                tagging.tagSet().size(),
                t.maxLength(),
                t.dModel(),
                t.heads(),
                t.mlpDim(),
                t.activation(),
                t.block());
        classNames = tagging.tagSet().tags();
        trainingData = TrainingData.tagging(tagging.train());
        testData = new EvaluationData.Sentences(tagging.test());
        source = tagging.summary();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    trainingData = withDataFiles(trainingData);
    err.println("data: " + source);
    boolean isTagger = modelSpec instanceof TaggerModelSpec;
    Path metricsLog = metricsLog();
    TrainerConfig config =
        configBuilder(isTagger)
            .validationFraction(tagging != null && tagging.hasDev() ? 0 : validation)
            .metricsLog(metricsLog)
            .progress(progress.out(), progress.live())
            .build();
    err.println("model: " + modelSpec.toJson().replaceAll("\\s+", " "));
    long started = System.nanoTime();
    TrainingData validationData =
        tagging != null && tagging.hasDev() ? TrainingData.tagging(tagging.dev()) : null;
    TrainingResult result =
        new Trainer(config).train(ModelTraining.of(modelSpec), trainingData, validationData);
    double trainSeconds = (System.nanoTime() - started) / 1e9;
    boolean best = checkpoint.equals("best");
    Checkpoint trained = best ? result.best() : result.last();
    ModelSpec exported = ModelTraining.trainedSpec(modelSpec, trained);
    ExportResult export =
        export(
            out,
            exported,
            trained.values(),
            tagging,
            classNames,
            version,
            "odenet train " + kind,
            trained.training());
    Evaluation test;
    try (ModelEvaluator evaluator = ModelEvaluator.load(export.directory())) {
      test = evaluator.evaluate(testData, evalBatch);
    }
    appendFinal(metricsLog, export, test, best ? result.best().epoch() : epochs, trainSeconds);
    err.println("metrics log: " + metricsLog);
    stdout.println(
        String.format(
            Locale.ROOT,
            "exported %s (epoch %d, %s checkpoint) in %.1f s of training",
            export.directory(),
            best ? result.best().epoch() : epochs,
            checkpoint,
            trainSeconds));
    stdout.println(EvalCommand.describe(export.directory(), testData, test));
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("output", export.directory().toString());
      m.put("version", export.version());
      m.put("epoch", best ? result.best().epoch() : epochs);
      m.put("train_seconds", trainSeconds);
      m.put("history", result.history().stream().map(EpochMetrics::toMap).toList());
      m.put("test", test.toMap());
      try {
        stdout.println(new ObjectMapper().writeValueAsString(m));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The training data recorded in the manifest by the SHA-256 of the data files given on the
   * command line; without any, by a fingerprint over the examples.
   */
  private TrainingData withDataFiles(TrainingData data) {
    List<Path> files = new ArrayList<>();
    for (Path p : new Path[] {trainImages, trainLabels, trainText, devText}) {
      if (p != null) {
        files.add(p);
      }
    }
    return files.isEmpty() ? data : TrainingData.withFiles(data, files);
  }

  private TrainerConfig.Builder configBuilder(boolean isTagger) {
    boolean adam =
        optimizer == null ? isTagger || kind.equals("tagger") : parseOptimizer(optimizer);
    OptimizerSpec opt =
        adam
            ? new OptimizerSpec.AdamW(0.9, 0.98, 1e-9, weightDecay == null ? 0.01 : weightDecay)
            : new OptimizerSpec.SgdMomentum(
                momentum, !noNesterov, weightDecay == null ? 5e-4 : weightDecay);
    return TrainerConfig.builder()
        .epochs(epochs)
        .batchSize(batch)
        .optimizer(opt)
        .learningRate(lr != null ? lr : 0.1)
        .schedule(schedule != null ? schedule : adam ? "rsqrt:auto" : "cosine")
        .seed(seed)
        .validationFraction(validation)
        .refineAt(refine)
        .augment(augment)
        .evalBatchSize(evalBatch);
  }

  private Path metricsLog() {
    return metrics != null
        ? metrics
        : out.resolve("logs")
            .resolve(
                "train-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now())
                    + ".jsonl");
  }

  /**
   * Exports trained values as a new version under {@code base} (a tagger's vocabulary and tag set
   * go to {@code assets.extra}); training-only state such as clamp counters is left out; {@code
   * training} (or null) is the provenance's training record; {@code classNames} (possibly empty) go
   * to the manifest.
   */
  public static ExportResult export(
      Path base,
      ModelSpec exported,
      VariableSnapshot values,
      TaggingData tagging,
      List<String> classNames,
      Long version,
      String operation,
      Manifest.Training training) {
    ModelExport graph =
        tagging == null
            ? ModelExport.of(exported)
            : ModelExport.of(exported)
                .withWords(
                    new WordVocabulary(
                        tagging.vocabulary().words(),
                        tagging.vocabulary().lowerCase(),
                        tagging.tagSet().tags()));
    Exporter exporter =
        Exporter.to(base)
            .graph(graph)
            .values(values)
            .ignoreExtraValues()
            .source(operation, null)
            .training(training)
            .classNames(classNames);
    if (version != null) {
      exporter.version(version);
    }
    if (tagging != null) {
      exporter
          .asset(EvalDataOptions.VOCABULARY_ASSET, tagging.vocabulary().toBytes())
          .asset(EvalDataOptions.TAGS_ASSET, tagging.tagSet().toBytes());
    }
    return exporter.export();
  }

  private static void appendFinal(
      Path log, ExportResult export, Evaluation test, int epoch, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("final", true);
    m.put("exported", export.directory().toString());
    m.put("checkpoint_epoch", epoch);
    m.put("train_seconds", seconds);
    m.put("test_accuracy", test.accuracy());
    m.put("test_loss", test.loss());
    m.put("test_examples", test.examples());
    m.put("test_correct", test.correct());
    m.put("test_counted", test.counted());
    try {
      Files.writeString(
          log,
          new ObjectMapper().writeValueAsString(m) + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(log + ": cannot append to the metrics log", e);
    }
  }

  private static boolean parseOptimizer(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> false;
      case "adamw", "adam" -> true;
      default ->
          throw new IllegalArgumentException("--optimizer: expected sgd or adamw, found " + name);
    };
  }

  /**
   * A flag of the other kind (e.g. {@code --train-text} for {@code train image}) would be ignored:
   * refuse it.
   */
  private void rejectFlagsOfTheOtherKind() {
    List<String> foreign =
        switch (kind) {
          case "image" -> TAGGER_ONLY;
          case "tagger" -> IMAGE_ONLY;
          default -> List.of(); // model.spec(kind) names the bad kind
        };
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> given = foreign.stream().filter(parsed::hasMatchedOption).toList();
    if (!given.isEmpty()) {
      throw new IllegalArgumentException(
          "train "
              + kind
              + ": expected "
              + kind
              + " flags, found "
              + String.join(", ", given)
              + " ("
              + (kind.equals("image") ? "tagger" : "image")
              + " only)");
    }
    // a trained tagger's sizes come from its data; a size flag that would be silently replaced is
    // refused
    for (String size : List.of("--vocab", "--tags")) {
      if (kind.equals("tagger") && parsed.hasMatchedOption(size)) {
        throw new IllegalArgumentException(
            "train tagger: "
                + size
                + ": expected no value (train takes the "
                + (size.equals("--vocab")
                    ? "vocabulary from the training words, sized by --min-count"
                    : "tag set from the data, chosen by --tag-scheme")
                + "), found "
                + parsed.matchedOptionValue(size, 0));
      }
    }
  }
}
