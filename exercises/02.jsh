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
