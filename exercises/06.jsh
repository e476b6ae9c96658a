// 06_단어단위_TextRNN: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=06

//// 06-1 solution
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(0, outputs.size(0) - 1);
}

//// 06-1 wrong: batch-first로 착각해 1번 축에서 고름
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(1, outputs.size(1) - 1);
}

//// 06-1 wrong: 마지막이 아니라 첫 시점
Tensor lastTimeStep(Tensor outputs) {
    return outputs.select(0, 0);
}

//// 06-2 solution
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return hT.mm(weight.transpose(0, 1)).add(bias);
}

//// 06-2 wrong: 열벡터 식 W·h를 그대로 옮김 (결과가 (C, B))
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return weight.mm(hT.transpose(0, 1));
}

//// 06-2 wrong: 편향을 빠뜨림
Tensor scores(Tensor hT, Tensor weight, Tensor bias) {
    return hT.mm(weight.transpose(0, 1));
}
