package org.odenet4j.compression;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.tensorflow.Tensor;

/**
 * Work that overlaps: each task runs on its own daemon thread (not the common pool, which has a
 * single worker on a two-core machine), so reading the source, projecting, measuring sizes and
 * building the target graph proceed side by side.
 */
final class Background {
  private Background() {}

  /** Starts {@code task} on a new daemon thread. */
  static <T> CompletableFuture<T> supply(String name, Supplier<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                f.complete(task.get());
              } catch (Throwable e) {
                f.completeExceptionally(e);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** The result, with a task's own exception rethrown as it was thrown. */
  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** The result if the task succeeded, else null (for cleanup). */
  static <T> T joinQuietly(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException | CancellationException e) {
      return null;
    }
  }

  /**
   * A value map that is still being computed: the exporter is handed it before the projection has
   * finished, builds the target graph meanwhile, and waits here only when it assigns.
   */
  static final class PendingValues extends java.util.AbstractMap<String, Tensor> {
    private final CompletableFuture<? extends Map<String, Tensor>> future;

    PendingValues(CompletableFuture<? extends Map<String, Tensor>> future) {
      this.future = future;
    }

    private Map<String, Tensor> map() {
      return join(future);
    }

    @Override
    public Set<Entry<String, Tensor>> entrySet() {
      return map().entrySet();
    }

    @Override
    public Tensor get(Object key) {
      return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map().containsKey(key);
    }

    @Override
    public Set<String> keySet() {
      return map().keySet();
    }
  }
}
