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

//// 14-1 alternative: 네 덩어리로 나눈 뒤(chunk) 두 번째를 고름
Tensor forgetGateWeights(Map<String, Tensor> state, int layer, int hiddenSize) {
    List<Tensor> gates = state.get("weight_ih_l" + layer).chunk(4, 0);   // i, f, g, o
    return gates.get(1);
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

//// 14-2 wrong: 키의 첫 조각(첫 점 앞)만 비교하고 첫 점까지 뗌 (lstm.cell. 같은 접두사에서 틀림)
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    String module = prefix.substring(0, prefix.indexOf('.'));
    state.forEach((k, v) -> {
        if (k.split("\\.")[0].equals(module)) out.put(k.substring(k.indexOf('.') + 1), v);
    });
    return out;
}

//// 14-2 wrong: replace로 접두사를 지움 (키 안에 접두사가 또 나오면 그것까지 지움)
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    state.forEach((k, v) -> {
        if (k.startsWith(prefix)) out.put(k.replace(prefix, ""), v);
    });
    return out;
}

//// 14-2 wrong: contains로 고름 (decoder.lstm.처럼 가운데에 접두사가 있는 키도 들어감)
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    state.forEach((k, v) -> {
        if (k.contains(prefix)) out.put(k.substring(k.indexOf(prefix) + prefix.length()), v);
    });
    return out;
}

//// 14-2 wrong: HashMap에 담아 원래 순서를 잃음
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new HashMap<>();
    state.forEach((k, v) -> {
        if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
    });
    return out;
}

//// 14-2 alternative: 항목(Map.Entry)을 도는 for 문
Map<String, Tensor> subDict(Map<String, Tensor> state, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
        String key = e.getKey();
        if (key.length() >= prefix.length() && key.regionMatches(0, prefix, 0, prefix.length())) {
            out.put(key.substring(prefix.length()), e.getValue());
        }
    }
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

//// 14-3 wrong: int64를 4바이트로 셈 (float64만 8바이트로 봄)
long tensorBytes(Map<String, Tensor> state) {
    long total = 0;
    for (Tensor t : state.values()) total += (long) t.numel() * (t.dtype() == DType.FLOAT64 ? 8 : 4);
    return total;
}

//// 14-3 wrong: 원소 수를 앞의 두 차원의 곱으로 셈 (스칼라, 1차원, 3차원에서 틀림)
long tensorBytes(Map<String, Tensor> state) {
    long total = 0;
    for (Tensor t : state.values()) {
        long elements = t.dim() >= 2 ? (long) t.size(0) * t.size(1) : t.numel();
        total += elements * (t.dtype() == DType.FLOAT32 ? 4 : 8);
    }
    return total;
}

//// 14-3 alternative: 자료형마다 크기를 switch로 정하고 스트림으로 더함
long tensorBytes(Map<String, Tensor> state) {
    return state.values().stream().mapToLong(t -> {
        int bytes = switch (t.dtype()) {
            case FLOAT32 -> 4;
            case FLOAT64, INT64 -> 8;
        };
        return (long) bytes * t.numel();
    }).sum();
}
