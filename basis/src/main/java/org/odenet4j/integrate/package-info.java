/**
 * Fixed-step explicit Runge–Kutta schemes on the depth interval [0, 1] and the exact stage times at
 * which an ODE block reads its basis-expanded weights. Pure Java.
 *
 * <table>
 *   <caption>Schemes</caption>
 *   <tr><th>name</th><th>stages</th><th>order</th><th>c</th><th>b</th></tr>
 *   <tr><td>{@code euler}</td><td>1</td><td>1</td><td>0</td><td>1</td></tr>
 *   <tr><td>{@code midpoint}</td><td>2</td><td>2</td><td>0, ½</td><td>0, 1</td></tr>
 *   <tr><td>{@code rk4}</td><td>4</td><td>4</td><td>0, ½, ½, 1</td><td>⅙, ⅓, ⅓, ⅙</td></tr>
 *   <tr><td>{@code rk4_38}</td><td>4</td><td>4</td><td>0, ⅓, ⅔, 1</td><td>⅛, ⅜, ⅜, ⅛</td></tr>
 * </table>
 *
 * <p>A stage with c = 1 sits at the end of its step; it reads a discontinuous basis from the left
 * (the step's own cell), the exact form of the reference code's {@code t + dt − 1e-5}.
 */
package org.odenet4j.integrate;
