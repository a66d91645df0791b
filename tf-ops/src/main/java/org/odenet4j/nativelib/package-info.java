/**
 * How odenet4j lives with TensorFlow's native library inside someone else's JVM: {@link
 * org.odenet4j.nativelib.NativeLogs} keeps TensorFlow's own log lines (absl and TSL logging, oneDNN
 * and CPU-feature notices) off the process's stderr, so a program's stderr carries its own lines
 * only. Pure JDK; nothing here loads TensorFlow.
 */
package org.odenet4j.nativelib;
