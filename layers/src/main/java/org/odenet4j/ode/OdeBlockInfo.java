package org.odenet4j.ode;

/**
 * An ODE block as a built graph knows it: its variable-name prefix and its discretisation. The
 * block's coefficient variables are those whose name starts with {@code name + "/"} and whose first
 * axis is K (see {@code ParameterRegistry.variablesOf}).
 *
 * @param name variable-name prefix, e.g. {@code stage1/block}
 * @param spec discretisation
 */
public record OdeBlockInfo(String name, OdeBlockSpec spec) {}
