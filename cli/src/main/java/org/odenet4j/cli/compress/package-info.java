/**
 * {@code odenet compress} and {@code odenet sweep}: a compression plan from flags, optional scoring
 * on data ({@code --data}, {@code --max-drop}), and the report as a table or JSON.
 */
package org.odenet4j.cli.compress;
