/** Offline, data-free compression: rewrite a SavedModel's ODE blocks onto a smaller basis and fewer steps. */
package org.odenet4j.compression;
