/**
 * Support code for end-to-end tests that run the odenet command and reload models in fresh JVMs.
 */
package org.odenet4j.it;
