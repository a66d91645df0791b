package org.odenet4j.it;

import java.nio.file.Path;
import org.odenet4j.layers.LayerContext;
import org.odenet4j.layers.Mode;
import org.odenet4j.layers.ParameterRegistry;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.models.Models;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.ExportListener;
import org.odenet4j.savedmodel.ExportResult;
import org.odenet4j.savedmodel.Exporter;
import org.odenet4j.savedmodel.ModelExport;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * A process for kill tests: {@code ExportLoopMain BASE loop} exports a tiny model to BASE over and
 * over, printing {@code PUBLISHED <version>}; {@code ExportLoopMain BASE <STAGE>} prints {@code AT
 * <STAGE> <dir>} when its first export reaches that stage and then hangs, waiting to be killed.
 */
public final class ExportLoopMain {
  private ExportLoopMain() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    String mode = args[1];
    ImageModelSpec spec =
        ImageModelSpec.of(8, 8, 1, 4, 3, OdeBlockSpec.of("piecewise_constant:2", 2));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterRegistry registry = ParameterRegistry.initialized(tf, 1);
      Models.build(LayerContext.root(registry, Mode.INFER, "serve"), spec, Models.input(tf, spec));
      try (Session s = new Session(g)) {
        s.initialize();
        while (true) {
          ExportResult r =
              Exporter.to(base)
                  .graph(ModelExport.of(spec))
                  .valuesFrom(s)
                  .source("kill test", null)
                  .listener(
                      (stage, dir) -> {
                        if (stage.name().equals(mode)) {
                          System.out.println("AT " + stage + " " + dir);
                          System.out.flush();
                          try {
                            Thread.sleep(Long.MAX_VALUE);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }
                      })
                  .export();
          System.out.println("PUBLISHED " + r.version());
          System.out.flush();
        }
      }
    }
  }

  /** Stage names accepted as the second argument. */
  public static ExportListener.Stage[] stages() {
    return ExportListener.Stage.values();
  }
}
