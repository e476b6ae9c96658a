// 01_RNN_소개: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=01

//// 01-1 solution
double[] stepByHand(double x, double[] h) {
    double a0 = 1.0 * x + 0.5 * h[0] - 0.4 * h[1];
    double a1 = -0.5 * x + 0.3 * h[0] + 0.8 * h[1];
    return new double[]{Math.tanh(a0), Math.tanh(a1)};
}

//// 01-1 wrong: W_h를 전치해서 곱함 (열과 h를 곱함)
double[] stepByHand(double x, double[] h) {
    double a0 = 1.0 * x + 0.5 * h[0] + 0.3 * h[1];
    double a1 = -0.5 * x - 0.4 * h[0] + 0.8 * h[1];
    return new double[]{Math.tanh(a0), Math.tanh(a1)};
}

//// 01-1 wrong: tanh를 빠뜨림 (a_t를 그대로 돌려줌)
double[] stepByHand(double x, double[] h) {
    return new double[]{1.0 * x + 0.5 * h[0] - 0.4 * h[1], -0.5 * x + 0.3 * h[0] + 0.8 * h[1]};
}

//// 01-2 solution
int parameterCount(int inputSize, int hiddenSize, int seqLength) {
    return hiddenSize * inputSize + hiddenSize * hiddenSize + 2 * hiddenSize;   // 길이와 무관 (파라미터 공유)
}

//// 01-2 wrong: 시점마다 셀을 복사한다고 보고 길이를 곱함
int parameterCount(int inputSize, int hiddenSize, int seqLength) {
    return seqLength * (hiddenSize * inputSize + hiddenSize * hiddenSize + 2 * hiddenSize);
}

//// 01-2 wrong: 편향을 하나만 셈
int parameterCount(int inputSize, int hiddenSize, int seqLength) {
    return hiddenSize * inputSize + hiddenSize * hiddenSize + hiddenSize;
}
