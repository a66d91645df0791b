/**
 * {@code odenet tune} and how the command applies what it measured: {@link
 * org.odenet4j.cli.tune.TuneCommand} times inference and a training step with oneDNN on and off,
 * each in a fresh JVM ({@link org.odenet4j.cli.tune.TuneProbe}), and remembers the faster setting
 * per job in a {@link org.odenet4j.nativelib.NativeProfile}; {@link
 * org.odenet4j.cli.tune.NativeLaunch} starts a command again with that setting when TensorFlow
 * could not otherwise see it (it reads its switch once, from the environment).
 */
package org.odenet4j.cli.tune;
