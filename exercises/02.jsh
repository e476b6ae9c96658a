// 02_RNN_직접_구현: 연습문제의 풀이, 학생이 쓸 법한 틀린 답, 다르게 쓴 맞는 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=02

//// 02-1 solution
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(Wx.mmul(x).add(Wh.mmul(h)).add(b));
}

//// 02-1 alternative: 새로 만든 곱 결과에 제자리 연산(addi)으로 더하고 제자리 tanh
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    INDArray a = Wh.mmul(h);
    a.addi(Wx.mmul(x)).addi(b);
    return Transforms.tanh(a, false);
}

//// 02-1 wrong: tanh를 빠뜨림 (선형 RNN)
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Wx.mmul(x).add(Wh.mmul(h)).add(b);
}

//// 02-1 wrong: 이전 은닉 상태 h를 쓰지 않음 (되먹임이 없는 층)
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(Wx.mmul(x).add(b));
}

//// 02-1 wrong: tanh를 씌운 뒤에 편향을 더함
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(Wx.mmul(x).add(Wh.mmul(h))).add(b);
}

//// 02-1 wrong: W_h를 전치해서 곱함 (모양은 같아 보임)
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(Wx.mmul(x).add(Wh.transpose().mmul(h)).add(b));
}

//// 02-1 wrong: 넘겨받은 b에 제자리 연산(addi)으로 더함 (값은 맞지만 부른 쪽의 b가 바뀜)
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(b.addi(Wx.mmul(x)).addi(Wh.mmul(h)));
}

//// 02-2 solution
INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) {
    int steps = (int) inputs.size(0), d = (int) inputs.size(1);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, Wh.size(0), 1);
    List<INDArray> states = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
        h = Transforms.tanh(Wx.mmul(inputs.getRow(t).reshape(d, 1)).add(Wh.mmul(h)).add(b));
        states.add(h.transpose());
    }
    return Nd4j.vstack(states.toArray(INDArray[]::new));
}

//// 02-2 alternative: 결과 배열을 미리 만들고 행마다 putRow, 입력 행을 전치해 열벡터로
INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) {
    long steps = inputs.rows(), hidden = Wh.rows();
    INDArray out = Nd4j.create(DataType.DOUBLE, steps, hidden);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, hidden, 1);
    for (long t = 0; t < steps; t++) {
        INDArray xt = inputs.getRow(t, true).transpose();      // (1, D) -> (D, 1)
        h = Transforms.tanh(Wh.mmul(h).add(Wx.mmul(xt)).add(b));
        out.putRow(t, h.reshape(1, hidden));
    }
    return out;
}

//// 02-2 wrong: h를 갱신하지 않음 (매 시점 h_0 = 0에서 다시 계산)
INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) {
    int steps = (int) inputs.size(0), d = (int) inputs.size(1);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, Wh.size(0), 1);
    List<INDArray> states = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
        INDArray next = Transforms.tanh(Wx.mmul(inputs.getRow(t).reshape(d, 1)).add(Wh.mmul(h)).add(b));
        states.add(next.transpose());
    }
    return Nd4j.vstack(states.toArray(INDArray[]::new));
}

//// 02-2 wrong: 갱신하기 전의 h(h_{t-1})를 기록함
INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) {
    int steps = (int) inputs.size(0), d = (int) inputs.size(1);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, Wh.size(0), 1);
    List<INDArray> states = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
        states.add(h.transpose());
        h = Transforms.tanh(Wx.mmul(inputs.getRow(t).reshape(d, 1)).add(Wh.mmul(h)).add(b));
    }
    return Nd4j.vstack(states.toArray(INDArray[]::new));
}

//// 02-2 wrong: h_0을 자료형 없이 만듦 (ND4J의 기본 FLOAT가 DOUBLE 가중치와 만남)
INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) {
    int steps = (int) inputs.size(0), d = (int) inputs.size(1);
    INDArray h = Nd4j.zeros(Wh.size(0), 1);
    List<INDArray> states = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
        h = Transforms.tanh(Wx.mmul(inputs.getRow(t).reshape(d, 1)).add(Wh.mmul(h)).add(b));
        states.add(h.transpose());
    }
    return Nd4j.vstack(states.toArray(INDArray[]::new));
}

//// 02-2 wrong: 반복 횟수로 본문의 전역 변수 T(= 10)를 씀
INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) {
    int d = (int) inputs.size(1);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, Wh.size(0), 1);
    List<INDArray> states = new ArrayList<>();
    for (int t = 0; t < T; t++) {
        h = Transforms.tanh(Wx.mmul(inputs.getRow(t).reshape(d, 1)).add(Wh.mmul(h)).add(b));
        states.add(h.transpose());
    }
    return Nd4j.vstack(states.toArray(INDArray[]::new));
}
