// 00_시작하기: 연습문제의 풀이, 학생이 쓸 법한 틀린 답, 다르게 쓴 맞는 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=00

//// 00-1 solution
int[] broadcastShape(int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
        int da = i < n - a.length ? 1 : a[i - (n - a.length)];
        int db = i < n - b.length ? 1 : b[i - (n - b.length)];
        out[i] = Math.max(da, db);
    }
    return out;
}

//// 00-1 alternative: 오른쪽 끝에서부터 거꾸로 채움, 크기 1이면 상대 크기
int[] broadcastShape(int[] a, int[] b) {
    int[] out = new int[Math.max(a.length, b.length)];
    for (int k = 1; k <= out.length; k++) {
        int da = k <= a.length ? a[a.length - k] : 1;
        int db = k <= b.length ? b[b.length - k] : 1;
        out[out.length - k] = da == 1 ? db : da;
    }
    return out;
}

//// 00-1 wrong: 왼쪽(첫 축)부터 맞춤
int[] broadcastShape(int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
        int da = i < a.length ? a[i] : 1;
        int db = i < b.length ? b[i] : 1;
        out[i] = Math.max(da, db);
    }
    return out;
}

//// 00-1 wrong: 축이 많은 쪽의 모양을 그대로 돌려줌 (크기 1인 축이 늘어나는 것을 잊음)
int[] broadcastShape(int[] a, int[] b) {
    return (a.length >= b.length ? a : b).clone();
}

//// 00-1 wrong: 오른쪽부터 맞추지만 두 크기가 다 있으면 a의 크기를 씀 (a 쪽의 1이 늘어나는 것을 잊음)
int[] broadcastShape(int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
        out[i] = i < n - a.length ? b[i - (n - b.length)] : a[i - (n - a.length)];
    }
    return out;
}

//// 00-1 wrong: 본문의 예 {2, 3, 4}를 그대로 돌려줌
int[] broadcastShape(int[] a, int[] b) {
    return new int[]{2, 3, 4};
}

//// 00-2 solution
double sigmoidSlope(double x) {
    double s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
}

//// 00-2 alternative: 몫의 미분 결과 e^(−x) / (1 + e^(−x))²을 그대로 씀
double sigmoidSlope(double x) {
    double e = Math.exp(-x);
    return e / ((1 + e) * (1 + e));
}

//// 00-2 wrong: tanh의 도함수 1 − σ²를 그대로 씀
double sigmoidSlope(double x) {
    double s = 1 / (1 + Math.exp(-x));
    return 1 - s * s;
}

//// 00-2 wrong: 몫의 미분에서 분모의 제곱을 빠뜨림 (e^(−x) / (1 + e^(−x)) = 1 − σ)
double sigmoidSlope(double x) {
    return Math.exp(-x) / (1 + Math.exp(-x));
}

//// 00-2 wrong: 미분하지 않고 σ(x) 자체를 돌려줌
double sigmoidSlope(double x) {
    return 1 / (1 + Math.exp(-x));
}

//// 00-2 wrong: 지수의 부호를 잃음 (σ를 1 / (1 + e^x)로 씀), 그러고는 σ(1 − σ)에 1 − σ 대신 σ를 두 번
double sigmoidSlope(double x) {
    double s = 1 / (1 + Math.exp(x));
    return s * s;
}
