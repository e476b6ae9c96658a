// 14_PyTorch와_주고받기: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=14

//// 14-1 solution
Tensor forgetGateWeights(Map<String, Tensor> state, int layer, int hiddenSize) {
    return state.get("weight_ih_l" + layer).slice(0, hiddenSize, 2 * hiddenSize);
}

//// 14-1 wrong: 첫 번째 덩어리(입력 게이트 i)를 잘라 옴
Tensor forgetGateWeights(Map<String, Tensor> state, int layer, int hiddenSize) {
    return state.get("weight_ih_l" + layer).slice(0, 0, hiddenSize);
}

//// 14-1 wrong: 게이트 순서를 i, g, f, o로 착각해 세 번째 덩어리를 잘라 옴
Tensor forgetGateWeights(Map<String, Tensor> state, int layer, int hiddenSize) {
    return state.get("weight_ih_l" + layer).slice(0, 2 * hiddenSize, 3 * hiddenSize);
}

//// 14-1 wrong: 입력 가중치 대신 은닉 가중치 weight_hh에서 잘라 옴
Tensor forgetGateWeights(Map<String, Tensor> state, int layer, int hiddenSize) {
    return state.get("weight_hh_l" + layer).slice(0, hiddenSize, 2 * hiddenSize);
}

//// 14-2 solution
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    state.forEach((k, v) -> {
        if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
    });
    return out;
}

//// 14-2 wrong: 접두사만 떼고 다른 모듈(head.)의 항목도 그대로 남김
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    state.forEach((k, v) -> out.put(k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
    return out;
}

//// 14-2 wrong: 항목은 골랐지만 접두사를 떼지 않음
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    state.forEach((k, v) -> {
        if (k.startsWith(prefix)) out.put(k, v);
    });
    return out;
}

//// 14-3 solution
long tensorBytes(Map<String, Tensor> state) {
    long total = 0;
    for (Tensor t : state.values()) total += (long) t.numel() * (t.dtype() == DType.FLOAT32 ? 4 : 8);
    return total;
}

//// 14-3 wrong: 모든 자료형을 4바이트로 셈
long tensorBytes(Map<String, Tensor> state) {
    long total = 0;
    for (Tensor t : state.values()) total += 4L * t.numel();
    return total;
}

//// 14-3 wrong: 바이트가 아니라 원소 수를 더함
long tensorBytes(Map<String, Tensor> state) {
    long total = 0;
    for (Tensor t : state.values()) total += t.numel();
    return total;
}
