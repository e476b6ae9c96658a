// notebook 99: a fixture for ExerciseHelpTest
//// 99-1 solution
int twice(int x) {
    return 2 * x;
}
//// 99-1 wrong: adds
int twice(int x) {
    return x + 2;
}
