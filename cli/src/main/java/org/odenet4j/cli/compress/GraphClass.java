package org.odenet4j.cli.compress;

import java.lang.reflect.InvocationTargetException;
import org.odenet4j.compression.GraphFactory;

/**
 * {@code --graph CLASS}: a {@link GraphFactory} implementation with a public no-argument
 * constructor, found on the class path (e.g. {@code java -cp odenet.jar:my-model.jar
 * org.odenet4j.cli.Main compress …}). It rebuilds a custom graph, one without a model spec, for the
 * target block discretisations.
 */
final class GraphClass {
  private GraphClass() {}

  static GraphFactory load(String className) {
    if (className == null) {
      return null;
    }
    Class<?> c;
    try {
      c = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "--graph: expected a class implementing "
              + GraphFactory.class.getName()
              + " on the class path, found no class '"
              + className
              + "'",
          e);
    }
    if (!GraphFactory.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException(
          "--graph: expected a class implementing "
              + GraphFactory.class.getName()
              + ", found "
              + className
              + " (it does not)");
    }
    try {
      return (GraphFactory) c.getConstructor().newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalArgumentException(
          "--graph: expected a public no-argument constructor in "
              + className
              + ", found none usable",
          e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "--graph " + className + ": the constructor failed: " + e.getCause(), e.getCause());
    }
  }
}
