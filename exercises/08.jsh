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

//// 08-1 alternative: 새 값을 배열에 만들어 copy_로 한 번에 덮어씀
void setForgetBias(LSTM lstm, double value) {
    int H = lstm.hiddenSize();
    Tensor bIh = lstm.namedParameters().get("bias_ih_l0"), bHh = lstm.namedParameters().get("bias_hh_l0");
    double[] ih = bIh.toDoubleArray(), hh = bHh.toDoubleArray();
    Arrays.fill(ih, H, 2 * H, value);
    Arrays.fill(hh, H, 2 * H, 0.0);
    try (var ng = Tensor.noGrad()) {
        bIh.copy_(Tensor.tensor(ih));
        bHh.copy_(Tensor.tensor(hh));
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

//// 08-1 wrong: slice()로 자른 구간에 fill_ (slice는 복사본이라 파라미터는 그대로)
void setForgetBias(LSTM lstm, double value) {
    int H = lstm.hiddenSize();
    Tensor bIh = lstm.namedParameters().get("bias_ih_l0"), bHh = lstm.namedParameters().get("bias_hh_l0");
    try (var ng = Tensor.noGrad()) {
        bIh.slice(0, H, 2 * H).fill_(value);
        bHh.slice(0, H, 2 * H).fill_(0.0);
    }
}

//// 08-1 wrong: bias_hh_l0의 구간을 0으로 두는 것을 잊음
void setForgetBias(LSTM lstm, double value) {
    int H = lstm.hiddenSize();
    Tensor bIh = lstm.namedParameters().get("bias_ih_l0");
    for (int j = H; j < 2 * H; j++) bIh.set(value, j);
}

//// 08-2 solution
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = Math.sqrt(xg.grad().select(1, t).pow(2).sum().item());
    return norms;
}

//// 08-2 alternative: 기울기를 배열로 꺼내 (배치, 시점, 특징) 인덱스로 직접 제곱합
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    Tensor loss = new CrossEntropyLoss().forward(model.apply(xg), y);
    loss.backward();
    int batch = x.size(0), steps = x.size(1), features = x.size(2);
    double[] g = xg.grad().toDoubleArray();
    double[] sq = new double[steps];
    for (int b = 0; b < batch; b++)
        for (int t = 0; t < steps; t++)
            for (int f = 0; f < features; f++) {
                double v = g[(b * steps + t) * features + f];
                sq[t] += v * v;
            }
    return Arrays.stream(sq).map(Math::sqrt).toArray();
}

//// 08-2 wrong: detach 없이 x에 직접 기울기를 켬 (부른 쪽의 x가 그래프에 묶이고 기울기가 쌓임)
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    x.requiresGrad_(true);
    new CrossEntropyLoss().forward(model.apply(x), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = Math.sqrt(x.grad().select(1, t).pow(2).sum().item());
    return norms;
}

//// 08-2 wrong: 노름 대신 절댓값의 합(L1)
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = xg.grad().select(1, t).abs().sum().item();
    return norms;
}

//// 08-2 wrong: 시간 축 대신 배치 축으로 자름 (select(0, t))
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = Math.sqrt(xg.grad().select(0, t % x.size(0)).pow(2).sum().item());
    return norms;
}

//// 08-2 wrong: 시점 순서를 거꾸로 채움 (norms[t]에 T-1-t번째 시점)
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
    int T = x.size(1);
    double[] norms = new double[T];
    for (int t = 0; t < T; t++) norms[t] = Math.sqrt(xg.grad().select(1, T - 1 - t).pow(2).sum().item());
    return norms;
}

//// 08-2 wrong: 제곱근을 빼먹음 (제곱합)
double[] inputGradientNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
    Tensor xg = x.detach().requiresGrad_(true);
    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
    double[] norms = new double[x.size(1)];
    for (int t = 0; t < norms.length; t++) norms[t] = xg.grad().select(1, t).pow(2).sum().item();
    return norms;
}
