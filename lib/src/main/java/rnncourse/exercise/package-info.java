/**
 * Self-checking exercises (연습문제) for the course notebooks.
 *
 * <p>An exercise is two notebook cells. The student edits the {@code exercise} cell, whose
 * skeleton compiles but calls {@link rnncourse.exercise.Exercise#todo()} where the answer
 * belongs. The {@code exercise-check} cell calls
 * {@link rnncourse.exercise.Exercise#check(String, String, CheckBody)}: its body runs the
 * student's code on fresh, seeded inputs through {@link rnncourse.exercise.Check#call} and
 * compares what came out with the reference through the {@code Check}'s comparisons. The check
 * never throws: it returns an {@link rnncourse.exercise.ExerciseResult} (passed, failed,
 * error, unsolved or broken) that the kernel shows as a coloured box with a machine-readable
 * status for {@code make solutions}.
 *
 * <p>May import from the library: {@code rnncourse.tensor}, {@code rnncourse.io}.
 */
package rnncourse.exercise;
