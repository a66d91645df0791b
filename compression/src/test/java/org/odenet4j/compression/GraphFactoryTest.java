package org.odenet4j.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odenet4j.models.ImageModelSpec;
import org.odenet4j.ode.OdeBlockSpec;
import org.odenet4j.savedmodel.Manifest;
import org.odenet4j.savedmodel.ModelExport;

class GraphFactoryTest {
  static Manifest.BlockEntry entry(String name, String basis, int k, int n) {
    return new Manifest.BlockEntry(name, basis, k, n, "euler", 1.0, List.of());
  }

  /**
   * Blocks are matched by build order; the spec keeps its other fields (width, ε, coefficient
   * init).
   */
  @Test
  void specBlocksFollowTheManifestOrder() {
    ImageModelSpec spec = TestModels.image("piecewise_constant:4", 4);
    List<Manifest.BlockEntry> blocks =
        List.of(
            entry("stage1/block", "piecewise_constant:4", 4, 4),
            entry("stage2/block", "piecewise_constant:4", 4, 4),
            entry("stage3/block", "piecewise_constant:4", 4, 4));
    GraphFactory f = GraphFactory.forSpec(spec, blocks, "m.json");
    OdeBlockSpec two = OdeBlockSpec.of("piecewise_constant:2", 8).withScheme("rk4");
    ModelExport g = (ModelExport) f.build(Map.of("stage2/block", two));
    ImageModelSpec out = (ImageModelSpec) g.modelSpec();
    assertThat(out.blocks().get(0)).isEqualTo(spec.blocks().get(0));
    assertThat(out.blocks().get(1).basis()).hasToString("piecewise_constant:2");
    assertThat(out.blocks().get(1).steps()).isEqualTo(8);
    assertThat(out.blocks().get(1).scheme()).hasToString("rk4");
    assertThat(out.blocks().get(1).init()).isEqualTo(spec.blocks().get(1).init());
    assertThat(out.width()).isEqualTo(4);
  }

  @Test
  void aSpecThatDisagreesWithTheManifestIsAnError() {
    ImageModelSpec spec = TestModels.image("piecewise_constant:4", 4);
    List<Manifest.BlockEntry> blocks = List.of(entry("stage1/block", "piecewise_constant:8", 8, 4));
    assertThatThrownBy(() -> GraphFactory.forSpec(spec, blocks, "m.json"))
        .hasMessage(
            "m.json: model_spec: expected ODE blocks matching ode_blocks [stage1/block=piecewise_constant:8/4/euler] in build order, found "
                + "[piecewise_constant:4/4/euler, piecewise_constant:4/4/euler, piecewise_constant:4/4/euler]");
  }
}
