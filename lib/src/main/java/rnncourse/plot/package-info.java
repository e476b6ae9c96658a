/**
 * Charts for the notebooks ({@code Plots}, on XChart): loss curves, true-vs-predicted series and a
 * grid of digit images, in one fixed style and a font that draws Hangul.
 *
 * <p>May import from the library: {@code rnncourse.tensor}.
 */
package rnncourse.plot;
