/**
 * The course's hidden checks: one class per notebook, {@code ChecksNN} for notebook NN.
 *
 * <p>A notebook's check cell is one call that names the exercise and hands over the student's
 * code as a lambda, for example
 * <pre>{@code
 * // 확인: 연습문제 04-1
 * Checks04.crossEntropyByHand((logits, targets) -> crossEntropyByHand(logits, targets))
 * }</pre>
 * Everything else lives here, off the student's page: the seeded inputs (several cases, edge
 * cases, shapes that differ in every dimension), the reference computation, the comparisons
 * and the misconception hints of a failed comparison. Each class
 * <ul>
 *   <li>is {@code public final}, with a private constructor;</li>
 *   <li>has {@code public static final List<ExerciseInfo> EXERCISES}: id, title and the two or
 *       three hints {@code Exercise.hint("NN-k")} hands out one at a time;</li>
 *   <li>has one {@code public static ExerciseResult} method per exercise, named after the
 *       student's method, taking a functional interface nested in the class (so that an
 *       implicitly typed lambda fits), and running {@link rnncourse.exercise.Exercise#check};</li>
 *   <li>depends only on the library (never on classes a notebook defines: an exercise that needs
 *       a model takes library types, such as {@code Module} or {@code Tensor}).</li>
 * </ul>
 * The source is public, as a course platform's checking package is; what matters is that the
 * notebook page shows neither the expected values nor the algorithm.
 *
 * <p>May import from the library: {@code rnncourse.exercise} and every package
 * beneath it: {@code rnncourse.tensor}, {@code rnncourse.tensor.gemm}, {@code rnncourse.tensor.threads},
 * {@code rnncourse.nn}, {@code rnncourse.nn.recurrent}, {@code rnncourse.nn.utils}, {@code rnncourse.optim},
 * {@code rnncourse.data}, {@code rnncourse.io}, {@code rnncourse.plot}.
 */
package rnncourse.exercise.checks;
