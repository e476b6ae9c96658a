// 06_단어단위_TextRNN: 연습문제의 풀이, 학생이 쓸 법한 틀린 답, 다르게 쓴 맞는 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=06

//// 06-1 solution
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(0, outputs.size(0) - 1);
}

//// 06-1 alternative: 마지막 시점을 slice로 잘라 낸 뒤 남은 시간 축을 squeeze로 없앰
Tensor lastTimeStep(Tensor outputs) {
    int steps = outputs.size(0);
    return outputs.slice(0, steps - 1, steps).squeeze(0);
}

//// 06-1 wrong: batch-first로 착각해 1번 축에서 고름
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(1, outputs.size(1) - 1);
}

//// 06-1 wrong: 마지막이 아니라 첫 시점
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(0, 0);
}

//// 06-1 wrong: slice로 잘라 시간 축이 남음 ((1, B, H))
Tensor lastTimeStep(Tensor outputs) {
    return outputs.slice(0, outputs.size(0) - 1, outputs.size(0));
}

//// 06-1 wrong: TextRNN의 길이 2에 맞춰 1번 시점을 고정으로 고름
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(0, 1);
}

//// 06-2 solution
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return hT.mm(weight.transpose(0, 1)).add(bias);
}

//// 06-2 alternative: 열벡터 식 W·hᵀ를 계산한 뒤 결과를 전치해 배치 행으로
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return weight.matmul(hT.t()).t().add(bias);
}

//// 06-2 wrong: 열벡터 식 W·h를 그대로 옮김 (결과가 (C, B))
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return weight.mm(hT.transpose(0, 1));
}

//// 06-2 wrong: 편향을 빠뜨림
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return hT.mm(weight.transpose(0, 1));
}

//// 06-2 wrong: 전치 대신 view로 (H, C) 모양만 바꿈 (값의 배치가 달라짐)
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return hT.mm(weight.view(weight.size(1), weight.size(0))).add(bias);
}
