/**
 * Turning a cell's values into Jupyter display data: the renderers for XChart charts, images,
 * Tablesaw tables, exercise results, course notes and plain values, chosen by {@code RenderRegistry},
 * and the display sink behind {@code rnncourse.kernel.api}.
 *
 * <p>May import from the kernel and the library: {@code rnncourse.kernel.api},
 * {@code rnncourse.kernel.protocol}, {@code rnncourse.kernel.stdio}, {@code rnncourse.exercise}.
 */
package rnncourse.kernel.display;
