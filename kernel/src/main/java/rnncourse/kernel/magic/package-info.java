/**
 * A cell's parts and magics: {@code CellParser} splits a cell into code and magics,
 * {@code CellRunner} runs them in order; {@code %maven}, {@code %mavenRepo}, {@code %classpath},
 * {@code %load} and {@code %time}.
 *
 * <p>May import from the kernel and the library: {@code rnncourse.kernel.exec}.
 */
package rnncourse.kernel.magic;
