// 10_시계열_주가_예측: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=10

//// 10-1 solution
double directionAccuracy(Tensor last, Tensor predicted, Tensor truth) {
    double[] l = last.toDoubleArray(), p = predicted.toDoubleArray(), t = truth.toDoubleArray();
    int same = 0;
    for (int i = 0; i < l.length; i++) if ((p[i] > l[i]) == (t[i] > l[i])) same++;
    return (double) same / l.length;
}

//// 10-1 alternative: 스트림으로 센 뒤 평균
double directionAccuracy(Tensor last, Tensor predicted, Tensor truth) {
    double[] l = last.toDoubleArray(), p = predicted.toDoubleArray(), t = truth.toDoubleArray();
    return IntStream.range(0, l.length).mapToDouble(i -> (p[i] > l[i]) == (t[i] > l[i]) ? 1 : 0).average().orElse(0);
}

//// 10-1 wrong: 예측이 실제보다 큰지를 셈 (방향이 아니라 값의 비교)
double directionAccuracy(Tensor last, Tensor predicted, Tensor truth) {
    double[] p = predicted.toDoubleArray(), t = truth.toDoubleArray();
    int above = 0;
    for (int i = 0; i < p.length; i++) if (p[i] > t[i]) above++;
    return (double) above / p.length;
}

//// 10-1 wrong: 맞힌 날의 수를 그대로 돌려줌 (비율이 아님)
double directionAccuracy(Tensor last, Tensor predicted, Tensor truth) {
    double[] l = last.toDoubleArray(), p = predicted.toDoubleArray(), t = truth.toDoubleArray();
    int same = 0;
    for (int i = 0; i < l.length; i++) if ((p[i] > l[i]) == (t[i] > l[i])) same++;
    return same;
}

//// 10-1 wrong: 같은 값을 '오름'으로 셈 (> 대신 >=)
double directionAccuracy(Tensor last, Tensor predicted, Tensor truth) {
    double[] l = last.toDoubleArray(), p = predicted.toDoubleArray(), t = truth.toDoubleArray();
    int same = 0;
    for (int i = 0; i < l.length; i++) if ((p[i] >= l[i]) == (t[i] >= l[i])) same++;
    return (double) same / l.length;
}

//// 10-1 wrong: 정수 나눗셈 (비율이 0 또는 1)
double directionAccuracy(Tensor last, Tensor predicted, Tensor truth) {
    double[] l = last.toDoubleArray(), p = predicted.toDoubleArray(), t = truth.toDoubleArray();
    int same = 0;
    for (int i = 0; i < l.length; i++) if ((p[i] > l[i]) == (t[i] > l[i])) same++;
    return same / l.length;
}

//// 10-2 solution
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int lastDay = train.x().size(1) - 1, n = train.size(), nFit = (int) (0.8 * n);
    double scale = 10;   // 변화량은 0.01 남짓: 10배로 키워 학습
    Tensor change = train.y().sub(train.x().select(1, lastDay).select(1, 4).unsqueeze(1)).mul(scale);
    Tensor fitX = train.x().slice(0, 0, nFit), fitY = change.slice(0, 0, nFit);
    Tensor valX = train.x().slice(0, nFit, n), valY = change.slice(0, nFit, n);   // 훈련 구간의 마지막 20%: 검증용
    Tensor testLast = testX.select(1, lastDay).select(1, 4).unsqueeze(1);
    var model = new StockNet(dataDim, hiddenDim, outputDim);
    var opt = new Adam(model.parameters(), learningRate);
    var mse = new MSELoss();
    double bestVal = valY.pow(2).mean().item();   // Δ = 0 (기준선)의 검증 오차
    Tensor best = testLast;                        // 검증에서 아무것도 그보다 낫지 않으면 기준선 그대로
    for (int i = 0; i < 300; i++) {
        opt.zeroGrad();
        Tensor loss = mse.forward(model.forward(fitX), fitY);
        loss.backward();
        opt.step();
        try (var ng = Tensor.noGrad()) {
            double val = mse.forward(model.forward(valX), valY).item();
            if (val < bestVal) {
                bestVal = val;
                best = testLast.add(model.forward(testX).mul(1 / scale));
            }
        }
    }
    return best;
}

//// 10-2 alternative: 창을 35개 숫자로 펼친 선형 모델로 변화량을 학습하고, 검증으로 가장 좋은 때를 고름
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int days = train.x().size(1), features = train.x().size(2), n = train.size(), nFit = n * 4 / 5;
    Tensor flat = train.x().reshape(n, days * features), testFlat = testX.reshape(testX.size(0), days * features);
    Tensor change = train.y().sub(train.x().select(1, days - 1).select(1, 4).unsqueeze(1)).mul(10);
    Tensor testLast = testX.select(1, days - 1).select(1, 4).unsqueeze(1);
    var linear = new Linear(days * features, 1);
    var opt = new Adam(linear.parameters(), 0.01);
    var mse = new MSELoss();
    double bestVal = change.slice(0, nFit, n).pow(2).mean().item();
    Tensor best = testLast;
    for (int i = 0; i < 400; i++) {
        opt.zeroGrad();
        mse.forward(linear.forward(flat.slice(0, 0, nFit)), change.slice(0, 0, nFit)).backward();
        opt.step();
        try (var ng = Tensor.noGrad()) {
            double val = mse.forward(linear.forward(flat.slice(0, nFit, n)), change.slice(0, nFit, n)).item();
            if (val < bestVal) {
                bestVal = val;
                best = testLast.add(linear.forward(testFlat).div(10));
            }
        }
    }
    return best;
}

//// 10-2 wrong: 예측한 변화량에 마지막 날 종가를 다시 더하지 않음
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int lastDay = train.x().size(1) - 1;
    Tensor trainLast = train.x().select(1, lastDay).select(1, 4).unsqueeze(1);
    Tensor target = train.y().sub(trainLast).mul(10);
    var model = new StockNet(dataDim, hiddenDim, outputDim);
    var opt = new Adam(model.parameters(), learningRate);
    var mse = new MSELoss();
    for (int i = 0; i < 300; i++) {
        opt.zeroGrad();
        Tensor loss = mse.forward(model.forward(train.x()), target);
        loss.backward();
        opt.step();
    }
    try (var ng = Tensor.noGrad()) {
        return model.forward(testX).mul(0.1);
    }
}

//// 10-2 wrong: 학습 없이 '내일 = 오늘'을 그대로 돌려줌 (기준선 자체)
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    return testX.select(1, testX.size(1) - 1).select(1, 4).unsqueeze(1);
}

//// 10-2 wrong: 10배로 키운 변화량을 되돌리지 않고 더함
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int lastDay = train.x().size(1) - 1;
    Tensor target = train.y().sub(train.x().select(1, lastDay).select(1, 4).unsqueeze(1)).mul(10);
    Tensor testLast = testX.select(1, lastDay).select(1, 4).unsqueeze(1);
    var model = new StockNet(dataDim, hiddenDim, outputDim);
    var opt = new Adam(model.parameters(), learningRate);
    var mse = new MSELoss();
    for (int i = 0; i < 300; i++) {
        opt.zeroGrad();
        mse.forward(model.forward(train.x()), target).backward();
        opt.step();
    }
    try (var ng = Tensor.noGrad()) {
        return testLast.add(model.forward(testX));
    }
}

//// 10-2 wrong: 목표를 종가 그대로 학습하고 마지막 날 종가를 또 더함
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int lastDay = train.x().size(1) - 1;
    Tensor testLast = testX.select(1, lastDay).select(1, 4).unsqueeze(1);
    var model = new StockNet(dataDim, hiddenDim, outputDim);
    var opt = new Adam(model.parameters(), learningRate);
    var mse = new MSELoss();
    for (int i = 0; i < 300; i++) {
        opt.zeroGrad();
        mse.forward(model.forward(train.x()), train.y()).backward();
        opt.step();
    }
    try (var ng = Tensor.noGrad()) {
        return testLast.add(model.forward(testX));
    }
}

//// 10-2 wrong: 인자 train 대신 노트북의 훈련 창 trainW로 학습함
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int lastDay = trainW.x().size(1) - 1;
    Tensor target = trainW.y().sub(trainW.x().select(1, lastDay).select(1, 4).unsqueeze(1)).mul(10);
    Tensor testLast = testX.select(1, lastDay).select(1, 4).unsqueeze(1);
    var model = new StockNet(dataDim, hiddenDim, outputDim);
    var opt = new Adam(model.parameters(), learningRate);
    var mse = new MSELoss();
    for (int i = 0; i < 300; i++) {
        opt.zeroGrad();
        mse.forward(model.forward(trainW.x()), target).backward();
        opt.step();
    }
    try (var ng = Tensor.noGrad()) {
        return testLast.add(model.forward(testX).mul(0.1));
    }
}

//// 10-2 wrong: 다음 창의 마지막 날 종가를 예측으로 씀 (겹치는 창이면 그것이 정답; 검사의 창은 겹치지 않음)
Tensor forecastViaChange(Windows.Pair train, Tensor testX) {
    int m = testX.size(0), steps = testX.size(1), close = testX.size(2) - 1;
    Tensor pred = testX.select(1, steps - 1).select(1, close).unsqueeze(1).contiguous().copy();
    for (int i = 0; i + 1 < m; i++) pred.set(testX.get(i + 1, steps - 1, close), i, 0);
    return pred;
}
