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

//// 04-3 solution
double scaleFor(int classes, double target) {
    return 0.5 * Math.log((classes - 1) / (Math.exp(target) - 1));
}

//// 04-3 wrong: 점수 차이를 2s가 아니라 s로 봄
double scaleFor(int classes, double target) {
    return Math.log((classes - 1) / (Math.exp(target) - 1));
}
