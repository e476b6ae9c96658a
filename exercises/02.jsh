// 02_RNN_직접_구현: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=02

//// 02-1 solution
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(Wx.mmul(x).add(Wh.mmul(h)).add(b));
}

//// 02-1 wrong: tanh를 빠뜨림 (선형 RNN)
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Wx.mmul(x).add(Wh.mmul(h)).add(b);
}

//// 02-1 wrong: 이전 은닉 상태 h를 쓰지 않음 (되먹임이 없는 층)
INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) {
    return Transforms.tanh(Wx.mmul(x).add(b));
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
