// 05_긴_시퀀스: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=05

//// 05-1 solution
int windowCount(int textLength, int window) {
    return textLength - window;
}

//// 05-1 wrong: 입력 창만 세고 정답에 한 글자가 더 필요함을 잊음
int windowCount(int textLength, int window) {
    return textLength - window + 1;
}

//// 05-2 solution
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int i = 0; i < windows; i++)
        for (int j = 0; j < length; j++)
            if (predicted.get(i, j) == targets.get(i, j)) accuracy[j] += 1.0 / windows;
    return accuracy;
}

//// 05-2 wrong: 창(행)마다 세어 버림
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int i = 0; i < windows; i++)
        for (int j = 0; j < length; j++)
            if (predicted.get(i, j) == targets.get(i, j)) accuracy[i % length] += 1.0 / windows;
    return accuracy;
}

//// 05-2 wrong: 맞힌 개수를 창의 수로 나누지 않음
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int i = 0; i < windows; i++)
        for (int j = 0; j < length; j++)
            if (predicted.get(i, j) == targets.get(i, j)) accuracy[j] += 1;
    return accuracy;
}
