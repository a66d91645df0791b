/**
 * How odenet4j lives with TensorFlow's native library inside someone else's JVM: {@link
 * org.odenet4j.nativelib.NativeLogs} keeps TensorFlow's own log lines (absl and TSL logging, oneDNN
 * and CPU-feature notices) off the process's stderr, so a program's stderr carries its own lines
 * only; {@link org.odenet4j.nativelib.OneDnn} reads TensorFlow's oneDNN switch as TensorFlow does;
 * {@link org.odenet4j.nativelib.NativeProfile} is the per-machine choice {@code odenet tune}
 * measured for each {@link org.odenet4j.nativelib.NativeJob} (inference, training). Pure JDK;
 * nothing here loads TensorFlow.
 */
package org.odenet4j.nativelib;
