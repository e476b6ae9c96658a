// 08_LSTM: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=08

//// 08-1 solution
void setForgetBias(LSTM lstm, double value) {
    int H = lstm.hiddenSize();
    Tensor bIh = lstm.namedParameters().get("bias_ih_l0"), bHh = lstm.namedParameters().get("bias_hh_l0");
    for (int j = H; j < 2 * H; j++) {
        bIh.set(value, j);
        bHh.set(0.0, j);
    }
}

//// 08-1 wrong: 두 편향 모두 value로 채움 (합이 2 × value)
void setForgetBias(LSTM lstm, double value) {
    int H = lstm.hiddenSize();
    Tensor bIh = lstm.namedParameters().get("bias_ih_l0"), bHh = lstm.namedParameters().get("bias_hh_l0");
    for (int j = H; j < 2 * H; j++) {
        bIh.set(value, j);
        bHh.set(value, j);
    }
}

//// 08-1 wrong: 첫 구간 [0, H)를 채움 (그것은 입력 게이트 i)
void setForgetBias(LSTM lstm, double value) {
    int H = lstm.hiddenSize();
    Tensor bIh = lstm.namedParameters().get("bias_ih_l0"), bHh = lstm.namedParameters().get("bias_hh_l0");
    for (int j = 0; j < H; j++) {
        bIh.set(value, j);
        bHh.set(0.0, j);
    }
}

//// 08-2 solution
double[] inputGradientNorms(FirstSymbolNet net, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(net.forward(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = Math.sqrt(xg.grad().select(1, t).pow(2).sum().item());
    return norms;
}

//// 08-2 wrong: 노름 대신 절댓값의 합(L1)
double[] inputGradientNorms(FirstSymbolNet net, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(net.forward(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = xg.grad().select(1, t).abs().sum().item();
    return norms;
}

//// 08-2 wrong: 시간 축 대신 배치 축으로 자름 (select(0, t))
double[] inputGradientNorms(FirstSymbolNet net, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(net.forward(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = Math.sqrt(xg.grad().select(0, t % x.size(0)).pow(2).sum().item());
    return norms;
}
