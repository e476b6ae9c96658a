// 04_문자단위_RNN: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=04

//// 04-1 solution
double crossEntropyByHand(double[][] logits, int[] targets) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
        double max = Arrays.stream(logits[n]).max().getAsDouble();   // 큰 점수에서도 exp가 넘치지 않게
        double sum = 0;
        for (double z : logits[n]) sum += Math.exp(z - max);
        total += -(logits[n][targets[n]] - max - Math.log(sum));
    }
    return total / logits.length;
}

//// 04-1 wrong: 평균이 아니라 합
double crossEntropyByHand(double[][] logits, int[] targets) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
        double sum = 0;
        for (double z : logits[n]) sum += Math.exp(z);
        total += -Math.log(Math.exp(logits[n][targets[n]]) / sum);
    }
    return total;
}

//// 04-1 wrong: 소프트맥스 없이 정답 점수에 −를 붙임
double crossEntropyByHand(double[][] logits, int[] targets) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) total += -logits[n][targets[n]];
    return total / logits.length;
}

//// 04-1 wrong: 최댓값을 빼지 않아 큰 점수에서 exp가 무한대로 넘침
double crossEntropyByHand(double[][] logits, int[] targets) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
        double sum = 0;
        for (double z : logits[n]) sum += Math.exp(z);
        total += -Math.log(Math.exp(logits[n][targets[n]]) / sum);
    }
    return total / logits.length;
}

//// 04-1 wrong: 소프트맥스를 행(글자)이 아니라 열(시점)을 따라 정규화함
double crossEntropyByHand(double[][] logits, int[] targets) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
        int c = targets[n];
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : logits) max = Math.max(max, row[c]);
        double sum = 0;
        for (double[] row : logits) sum += Math.exp(row[c] - max);
        total += -(logits[n][c] - max - Math.log(sum));
    }
    return total / logits.length;
}

//// 04-1 wrong: 정답이 아니라 가장 큰 확률의 −log를 씀
double crossEntropyByHand(double[][] logits, int[] targets) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
        double max = Arrays.stream(logits[n]).max().getAsDouble();
        double sum = 0;
        for (double z : logits[n]) sum += Math.exp(z - max);
        total += Math.log(sum);
    }
    return total / logits.length;
}

//// 04-1 alternative: 스트림으로 log-sum-exp를 계산
double crossEntropyByHand(double[][] logits, int[] targets) {
    return IntStream.range(0, logits.length).mapToDouble(n -> {
        double m = Arrays.stream(logits[n]).max().orElseThrow();
        double logSumExp = m + Math.log(Arrays.stream(logits[n]).map(z -> Math.exp(z - m)).sum());
        return logSumExp - logits[n][targets[n]];
    }).average().orElseThrow();
}

//// 04-2 solution
double lossFloor(int classes) {
    return Math.log(1 + (classes - 1) * Math.exp(-2));
}

//// 04-2 wrong: 아무것도 모르는 모델의 손실 log C
double lossFloor(int classes) {
    return Math.log(classes);
}

//// 04-2 wrong: 틀린 글자의 점수를 0에 둠 (−1까지 내려갈 수 있는 것을 잊음)
double lossFloor(int classes) {
    return Math.log(1 + (classes - 1) * Math.exp(-1));
}

//// 04-2 wrong: 틀린 글자를 C − 1개가 아니라 C개로 셈
double lossFloor(int classes) {
    return Math.log(1 + classes * Math.exp(-2));
}

//// 04-2 wrong: 손실이 아니라 정답 확률의 상한을 돌려줌
double lossFloor(int classes) {
    return Math.E / (Math.E + (classes - 1) / Math.E);
}

//// 04-2 alternative: 소프트맥스 확률의 −log를 그대로 계산
double lossFloor(int classes) {
    double right = Math.exp(1), wrong = Math.exp(-1);
    return -Math.log(right / (right + (classes - 1) * wrong));
}

//// 04-3 solution
double scaleFor(int classes, double target) {
    return 0.5 * Math.log((classes - 1) / (Math.exp(target) - 1));
}

//// 04-3 wrong: 점수 차이를 2s가 아니라 s로 봄
double scaleFor(int classes, double target) {
    return Math.log((classes - 1) / (Math.exp(target) - 1));
}

//// 04-3 wrong: log(1 + x) = target을 x = target으로 근사함
double scaleFor(int classes, double target) {
    return 0.5 * Math.log((classes - 1) / target);
}

//// 04-3 wrong: 틀린 글자를 C − 1개가 아니라 C개로 셈
double scaleFor(int classes, double target) {
    return 0.5 * Math.log(classes / (Math.exp(target) - 1));
}

//// 04-3 wrong: log 안의 분수를 뒤집어 s가 음수가 됨
double scaleFor(int classes, double target) {
    return 0.5 * Math.log((Math.exp(target) - 1) / (classes - 1));
}

//// 04-3 wrong: 1/2가 정수 나눗셈이라 s = 0
double scaleFor(int classes, double target) {
    return (1 / 2) * Math.log((classes - 1) / (Math.exp(target) - 1));
}

//// 04-3 alternative: 04-2의 바닥 식을 이분법으로 풀기
double scaleFor(int classes, double target) {
    double lo = 0, hi = 50;
    for (int k = 0; k < 200; k++) {
        double mid = (lo + hi) / 2;
        if (Math.log(1 + (classes - 1) * Math.exp(-2 * mid)) > target) lo = mid; else hi = mid;
    }
    return (lo + hi) / 2;
}
