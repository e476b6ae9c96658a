// 00_시작하기: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
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

//// 00-2 solution
double sigmoidSlope(double x) {
    double s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
}

//// 00-2 wrong: tanh의 도함수 1 − σ²를 그대로 씀
double sigmoidSlope(double x) {
    double s = 1 / (1 + Math.exp(-x));
    return 1 - s * s;
}
