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

//// 07-1 wrong: 2h가 아니라 h로 나눔
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    param.set(old + h, row, col);
    double plus = loss.getAsDouble();
    param.set(old - h, row, col);
    double minus = loss.getAsDouble();
    param.set(old, row, col);
    return (plus - minus) / h;
}

//// 07-1 wrong: θ−h 대신 θ+h에서 h를 빼서 원래 값 θ에서 잼
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    param.set(old + h, row, col);
    double plus = loss.getAsDouble();
    param.set(param.get(row, col) - h, row, col);
    double minus = loss.getAsDouble();
    param.set(old, row, col);
    return (plus - minus) / (2 * h);
}

//// 07-1 wrong: 행과 열을 바꿔 씀
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(col, row);
    param.set(old + h, col, row);
    double plus = loss.getAsDouble();
    param.set(old - h, col, row);
    double minus = loss.getAsDouble();
    param.set(old, col, row);
    return (plus - minus) / (2 * h);
}

//// 07-1 wrong: 인자 h를 무시하고 고정된 h = 1e-5를 씀
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double step = 1e-5;
    double old = param.get(row, col);
    param.set(old + step, row, col);
    double plus = loss.getAsDouble();
    param.set(old - step, row, col);
    double minus = loss.getAsDouble();
    param.set(old, row, col);
    return (plus - minus) / (2 * step);
}

//// 07-1 wrong: 괄호 없이 / 2 * h (2로 나눈 뒤 h를 곱함)
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    param.set(old + h, row, col);
    double plus = loss.getAsDouble();
    param.set(old - h, row, col);
    double minus = loss.getAsDouble();
    param.set(old, row, col);
    return (plus - minus) / 2 * h;
}

//// 07-1 alternative: try/finally로 되돌리기를 보장
double numericalGradient(java.util.function.DoubleSupplier loss, Tensor param, int row, int col, double h) {
    double old = param.get(row, col);
    try {
        param.set(old - h, row, col);
        double minus = loss.getAsDouble();
        param.set(old + h, row, col);
        return (loss.getAsDouble() - minus) / (2 * h);
    } finally {
        param.set(old, row, col);
    }
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

//// 07-2 wrong: 상대 오차가 아니라 차이 |a − b|로 비교함
// 수치 기울기를 이 칸 안에서 직접 계산: 같은 라운드의 07-1 답과 상관없이 이 비교 방법만의 잘못이 드러나게
double centralDifference(java.util.function.DoubleSupplier loss, Tensor p, int r, int c) {
    double old = p.get(r, c);
    p.set(old + 1e-5, r, c);
    double plus = loss.getAsDouble();
    p.set(old - 1e-5, r, c);
    double minus = loss.getAsDouble();
    p.set(old, r, c);
    return (plus - minus) / 2e-5;
}

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
            double diff = Math.abs(centralDifference(loss, params.get(k), r, c) - g.get(r, c));
            if (diff > worst) {
                worst = diff;
                worstName = names.get(k);
            }
        }
    }
    return worstName;
}

//// 07-2 wrong: 파라미터마다 원소 [0, 0] 하나만 비교함
// 수치 기울기를 이 칸 안에서 직접 계산: 같은 라운드의 07-1 답과 상관없이 이 비교 방법만의 잘못이 드러나게
double centralDifference(java.util.function.DoubleSupplier loss, Tensor p, int r, int c) {
    double old = p.get(r, c);
    p.set(old + 1e-5, r, c);
    double plus = loss.getAsDouble();
    p.set(old - 1e-5, r, c);
    double minus = loss.getAsDouble();
    p.set(old, r, c);
    return (plus - minus) / 2e-5;
}

String brokenParameter(java.util.function.DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads) {
    String worstName = names.get(0);
    double worst = -1;
    for (int k = 0; k < params.size(); k++) {
        double numeric = centralDifference(loss, params.get(k), 0, 0), hand = handGrads.get(k).get(0, 0);
        double scale = Math.max(Math.abs(numeric), Math.abs(hand));
        double rel = scale == 0 ? 0 : Math.abs(numeric - hand) / scale;
        if (rel > worst) {
            worst = rel;
            worstName = names.get(k);
        }
    }
    return worstName;
}

//// 07-2 wrong: 기울기가 아니라 파라미터 값의 절댓값이 큰 원소를 고름
// 수치 기울기를 이 칸 안에서 직접 계산: 같은 라운드의 07-1 답과 상관없이 이 비교 방법만의 잘못이 드러나게
double centralDifference(java.util.function.DoubleSupplier loss, Tensor p, int r, int c) {
    double old = p.get(r, c);
    p.set(old + 1e-5, r, c);
    double plus = loss.getAsDouble();
    p.set(old - 1e-5, r, c);
    double minus = loss.getAsDouble();
    p.set(old, r, c);
    return (plus - minus) / 2e-5;
}

String brokenParameter(java.util.function.DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads) {
    String worstName = null;
    double worst = -1;
    for (int k = 0; k < params.size(); k++) {
        Tensor p = params.get(k), g = handGrads.get(k);
        int cols = p.size(1);
        double[] a = p.abs().toDoubleArray();
        int[] largest = IntStream.range(0, a.length).boxed()
                .sorted((i, j) -> Double.compare(a[j], a[i])).limit(3).mapToInt(Integer::intValue).toArray();
        for (int flat : largest) {
            int r = flat / cols, c = flat % cols;
            double numeric = centralDifference(loss, p, r, c), hand = g.get(r, c);
            double rel = Math.abs(numeric - hand) / Math.max(1e-12, Math.max(Math.abs(numeric), Math.abs(hand)));
            if (rel > worst) {
                worst = rel;
                worstName = names.get(k);
            }
        }
    }
    return worstName;
}

//// 07-2 alternative: 파라미터마다 |기울기|가 큰 원소 5개, 분모 |a| + |b|의 상대 오차, 수치 기울기를 직접 계산
String brokenParameter(java.util.function.DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads) {
    double[] worstOf = new double[params.size()];
    for (int k = 0; k < params.size(); k++) {
        Tensor g = handGrads.get(k), p = params.get(k);
        int cols = g.size(1);
        double[] a = g.abs().toDoubleArray();
        Integer[] order = IntStream.range(0, a.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (i, j) -> Double.compare(a[j], a[i]));
        for (int q = 0; q < Math.min(5, order.length); q++) {
            int r = order[q] / cols, c = order[q] % cols;
            double old = p.get(r, c);
            p.set(old + 1e-5, r, c);
            double plus = loss.getAsDouble();
            p.set(old - 1e-5, r, c);
            double minus = loss.getAsDouble();
            p.set(old, r, c);
            double numeric = (plus - minus) / 2e-5, hand = g.get(r, c);
            double denominator = Math.abs(numeric) + Math.abs(hand);
            if (denominator > 0) worstOf[k] = Math.max(worstOf[k], Math.abs(numeric - hand) / denominator);
        }
    }
    int best = 0;
    for (int k = 1; k < worstOf.length; k++) if (worstOf[k] > worstOf[best]) best = k;
    return names.get(best);
}
