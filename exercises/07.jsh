// 07_min-char-rnn_BPTT: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=07

//// 07-1 solution
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    param.set(old + h, row, col);
    double plus = loss.getAsDouble();
    param.set(old - h, row, col);
    double minus = loss.getAsDouble();
    param.set(old, row, col);
    return (plus - minus) / (2 * h);
}

//// 07-1 wrong: 한쪽 차분 (L(θ+h) − L(θ)) / h, 오차가 h에 비례
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    double base = loss.getAsDouble();
    param.set(old + h, row, col);
    double plus = loss.getAsDouble();
    param.set(old, row, col);
    return (plus - base) / h;
}

//// 07-1 wrong: 원소를 원래 값으로 되돌리지 않음
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    param.set(old + h, row, col);
    double plus = loss.getAsDouble();
    param.set(old - h, row, col);
    double minus = loss.getAsDouble();
    return (plus - minus) / (2 * h);
}

//// 07-2 solution
String brokenParameter(java.util.function.DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads) {
    String worstName = null;
    double worst = -1;
    for (int k = 0; k < params.size(); k++) {
        Tensor g = handGrads.get(k);
        int cols = g.size(1);
        double[] a = g.abs().toDoubleArray();
        int[] largest = IntStream.range(0, a.length).boxed()
                .sorted((i, j) -> Double.compare(a[j], a[i])).limit(3).mapToInt(Integer::intValue).toArray();
        for (int flat : largest) {
            int r = flat / cols, c = flat % cols;
            double numeric = numericalGradient(loss, params.get(k), r, c, 1e-5), hand = g.get(r, c);
            double rel = Math.abs(numeric - hand) / Math.max(1e-12, Math.max(Math.abs(numeric), Math.abs(hand)));
            if (rel > worst) {
                worst = rel;
                worstName = names.get(k);
            }
        }
    }
    return worstName;
}

//// 07-2 wrong: 중심 차분의 부호를 거꾸로 씀 (L(θ−h) − L(θ+h)) / 2h
String brokenParameter(java.util.function.DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads) {
    String worstName = null;
    double worst = -1;
    for (int k = 0; k < params.size(); k++) {
        Tensor g = handGrads.get(k), p = params.get(k);
        int cols = g.size(1);
        double[] a = g.abs().toDoubleArray();
        int[] largest = IntStream.range(0, a.length).boxed()
                .sorted((i, j) -> Double.compare(a[j], a[i])).limit(3).mapToInt(Integer::intValue).toArray();
        for (int flat : largest) {
            int r = flat / cols, c = flat % cols;
            double old = p.get(r, c);
            p.set(old - 1e-5, r, c);
            double minus = loss.getAsDouble();
            p.set(old + 1e-5, r, c);
            double plus = loss.getAsDouble();
            p.set(old, r, c);
            double numeric = (minus - plus) / 2e-5, hand = g.get(r, c);
            double rel = Math.abs(numeric - hand) / Math.max(1e-12, Math.max(Math.abs(numeric), Math.abs(hand)));
            if (rel > worst) {
                worst = rel;
                worstName = names.get(k);
            }
        }
    }
    return worstName;
}

//// 07-2 wrong: 수치 기울기 없이 손으로 구한 기울기가 가장 큰 파라미터를 고름
String brokenParameter(java.util.function.DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads) {
    int best = 0;
    for (int k = 1; k < params.size(); k++)
        if (handGrads.get(k).abs().max().item() > handGrads.get(best).abs().max().item()) best = k;
    return names.get(best);
}
