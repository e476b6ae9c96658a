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

//// 05-1 wrong: 시작 자리를 1부터 세어 하나 모자람
int windowCount(int textLength, int window) {
    return textLength - window - 1;
}

//// 05-1 wrong: 창이 겹치지 않게 잘린다고 생각함
int windowCount(int textLength, int window) {
    return textLength / window;
}

//// 05-1 wrong: 창 길이를 잊고 글자마다 한 샘플로 셈
int windowCount(int textLength, int window) {
    return textLength - 1;
}

//// 05-1 alternative: 시작 자리를 하나씩 세기
int windowCount(int textLength, int window) {
    int count = 0;
    for (int start = 0; start + window < textLength; start++) count++;
    return count;
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

//// 05-2 wrong: 맞힌 개수를 창의 수가 아니라 창의 길이로 나눔
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int i = 0; i < windows; i++)
        for (int j = 0; j < length; j++)
            if (predicted.get(i, j) == targets.get(i, j)) accuracy[j] += 1.0 / length;
    return accuracy;
}

//// 05-2 wrong: 자리마다가 아니라 창마다 정확도를 냄 (배열 길이가 창의 수)
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[windows];
    for (int i = 0; i < windows; i++)
        for (int j = 0; j < length; j++)
            if (predicted.get(i, j) == targets.get(i, j)) accuracy[i] += 1.0 / length;
    return accuracy;
}

//// 05-2 wrong: 첫 창 하나만 비교함
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int j = 0; j < length; j++)
        accuracy[j] = predicted.get(0, j) == targets.get(0, j) ? 1 : 0;
    return accuracy;
}

//// 05-2 wrong: 정수 나눗셈으로 비율이 0이 됨
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int j = 0; j < length; j++) {
        int right = 0;
        for (int i = 0; i < windows; i++)
            if (predicted.get(i, j) == targets.get(i, j)) right++;
        accuracy[j] = right / windows;
    }
    return accuracy;
}

//// 05-2 alternative: 평평한 배열에서 k % 창 길이로 자리를 구함
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    double[] p = predicted.toDoubleArray(), t = targets.toDoubleArray();
    int windows = predicted.size(0), length = predicted.size(1);
    double[] accuracy = new double[length];
    for (int k = 0; k < p.length; k++) if (p[k] == t[k]) accuracy[k % length]++;
    for (int j = 0; j < length; j++) accuracy[j] /= windows;
    return accuracy;
}

//// 05-2 alternative: float32 텐서(Tensor.zeros)에 세고 텐서 나눗셈으로 비율을 구함
double[] accuracyByPosition(Tensor predicted, Tensor targets) {
    int windows = predicted.size(0), length = predicted.size(1);
    Tensor right = Tensor.zeros(length);
    for (int i = 0; i < windows; i++)
        for (int j = 0; j < length; j++)
            if (predicted.get(i, j) == targets.get(i, j)) right.set(right.get(j) + 1, j);
    return right.div(Tensor.full(windows, length)).toDoubleArray();
}
