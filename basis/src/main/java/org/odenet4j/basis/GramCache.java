package org.odenet4j.basis;

import java.util.concurrent.ConcurrentHashMap;

/** Caches Gram matrices by basis pair; bases are value records, so equal specs share entries. */
final class GramCache {
  private record Key(Basis b, Basis a) {}

  private static final ConcurrentHashMap<Key, double[][]> CACHE = new ConcurrentHashMap<>();

  private GramCache() {}

  static double[][] between(Basis b, Basis a) {
    return CACHE.computeIfAbsent(new Key(b, a), k -> Gram.between(k.b(), k.a()));
  }

  static double[][] mass(Basis basis) {
    return between(basis, basis);
  }
}
