/** JMH benchmarks: graph overhead of basis expansions against plain ResNet graphs, and the pay-off of compression. */
package org.odenet4j.bench;
