package org.odenet4j.savedmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odenet4j.layers.ModelVariable;
import org.odenet4j.layers.ParameterRegistry;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Every {@code VariableV2} of an inference graph, in graph order, by op name: what the exporter
 * assigns and the manifest lists.
 *
 * @param nodes the variable nodes by name (unmodifiable, graph order)
 */
record GraphVariables(Map<String, NodeDef> nodes) {

  /**
   * The variables of {@code def}; refuses resource variables (TF Java does not save them) and a
   * registry variable missing from the graph.
   */
  static GraphVariables of(GraphDef def, ParameterRegistry registry) {
    Map<String, NodeDef> nodes = new LinkedHashMap<>();
    for (NodeDef n : def.getNodeList()) {
      if (n.getOp().equals("VariableV2")) {
        nodes.put(n.getName(), n);
      } else if (n.getOp().equals("VarHandleOp")) {
        throw new IllegalArgumentException(
            "inference graph: expected VariableV2 variables only (resource variables are not saved by TF Java), found VarHandleOp '"
                + n.getName()
                + "'");
      }
    }
    for (ModelVariable mv : registry.all()) {
      if (!nodes.containsKey(mv.name())) {
        throw new IllegalStateException(
            "inference graph: expected variable " + mv.name() + " in the graph, found none");
      }
    }
    return new GraphVariables(Collections.unmodifiableMap(nodes));
  }

  /** The names, in graph order. */
  List<String> names() {
    return new ArrayList<>(nodes.keySet());
  }

  boolean contains(String name) {
    return nodes.containsKey(name);
  }

  NodeDef node(String name) {
    return nodes.get(name);
  }
}
