// 01_RNN_소개: 연습문제의 풀이, 학생이 쓸 법한 틀린 답, 다르게 쓴 맞는 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=01

//// 01-1 solution
double[] stepByHand(double x, double[] h) {
    double a0 = 1.0 * x + 0.5 * h[0] - 0.4 * h[1];
    double a1 = -0.5 * x + 0.3 * h[0] + 0.8 * h[1];
    return new double[]{Math.tanh(a0), Math.tanh(a1)};
}

//// 01-1 alternative: 가중치를 배열로 두고 행과 h의 내적을 반복문으로 계산
double[] stepByHand(double x, double[] h) {
    double[] wx = {1.0, -0.5};
    double[][] wh = {{0.5, -0.4}, {0.3, 0.8}};
    double[] out = new double[2];
    for (int k = 0; k < 2; k++) {
        double a = wx[k] * x;
        for (int j = 0; j < 2; j++) a += wh[k][j] * h[j];
        out[k] = Math.tanh(a);
    }
    return out;
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

//// 01-1 wrong: 이전 은닉 상태를 빠뜨림 (W_x·x만 계산)
double[] stepByHand(double x, double[] h) {
    return new double[]{Math.tanh(1.0 * x), Math.tanh(-0.5 * x)};
}

//// 01-1 wrong: 두 칸의 순서를 바꿔 돌려줌
double[] stepByHand(double x, double[] h) {
    double a0 = 1.0 * x + 0.5 * h[0] - 0.4 * h[1];
    double a1 = -0.5 * x + 0.3 * h[0] + 0.8 * h[1];
    return new double[]{Math.tanh(a1), Math.tanh(a0)};
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

//// 01-2 wrong: 편향을 세지 않음 (W_ih와 W_hh만)
int parameterCount(int inputSize, int hiddenSize, int seqLength) {
    return hiddenSize * inputSize + hiddenSize * hiddenSize;
}

//// 01-2 wrong: W_hh의 크기를 (input, input)으로 착각함
int parameterCount(int inputSize, int hiddenSize, int seqLength) {
    return hiddenSize * inputSize + inputSize * inputSize + 2 * hiddenSize;
}

//// 01-2 alternative: 은닉 상태 한 칸마다 (입력 가중치 + 은닉 가중치 + 편향 둘)로 묶어 셈
int parameterCount(int inputSize, int hiddenSize, int seqLength) {
    return hiddenSize * (inputSize + hiddenSize + 2);
}
