/**
 * {@code odenet basis}: the change-of-basis matrices and errors that {@code compress} applies,
 * printed for a pair of bases without touching a model.
 */
package org.odenet4j.cli.basis;
