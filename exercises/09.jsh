// 09_GRU: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=09

//// 09-1 solution
Tensor myGruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);   // r, z, n의 입력 쪽
    List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);   // r, z, n의 은닉 쪽 (b_hn 포함)
    Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
    Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
    Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
    return z.rsub(1).mul(n).add(z.mul(h));
}

//// 09-1 alternative: 묶음마다 가중치와 편향을 slice로 잘라 따로 계산
Tensor myGruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    int H = h.size(1);
    Tensor[] pre = new Tensor[3], hid = new Tensor[3];
    for (int k = 0; k < 3; k++) {
        pre[k] = x.matmul(wIh.slice(0, k * H, (k + 1) * H).t()).add(bIh.slice(0, k * H, (k + 1) * H));
        hid[k] = h.matmul(wHh.slice(0, k * H, (k + 1) * H).t()).add(bHh.slice(0, k * H, (k + 1) * H));
    }
    Tensor r = pre[0].add(hid[0]).sigmoid();
    Tensor z = pre[1].add(hid[1]).sigmoid();
    Tensor n = pre[2].add(r.mul(hid[2])).tanh();
    return n.add(z.mul(h.sub(n)));   // (1 - z) n + z h = n + z (h - n)
}

//// 09-1 wrong: b_hn을 리셋 게이트 바깥에 더함
Tensor myGruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    int H = h.size(1);
    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
    List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
    Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
    Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
    Tensor bHn = bHh.slice(0, 2 * H, 3 * H);
    Tensor whnH = gh.get(2).sub(bHn);                           // W_hn h 만
    Tensor n = gi.get(2).add(bHn).add(r.mul(whnH)).tanh();
    return z.rsub(1).mul(n).add(z.mul(h));
}

//// 09-1 wrong: z와 1 - z를 바꿔 씀
Tensor myGruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
    List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
    Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
    Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
    Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
    return z.mul(n).add(z.rsub(1).mul(h));
}

//// 09-1 wrong: 묶음 순서를 z, r, n으로 착각
Tensor myGruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
    List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
    Tensor z = gi.get(0).add(gh.get(0)).sigmoid();
    Tensor r = gi.get(1).add(gh.get(1)).sigmoid();
    Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
    return z.rsub(1).mul(n).add(z.mul(h));
}

//// 09-1 wrong: 후보 n에서 리셋 게이트를 빠뜨림
Tensor myGruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
    List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
    Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
    Tensor n = gi.get(2).add(gh.get(2)).tanh();
    return z.rsub(1).mul(n).add(z.mul(h));
}

//// 09-2 solution
long gruParameterCount(int D, int H, int layers, boolean bidirectional) {
    int dirs = bidirectional ? 2 : 1;
    long n = 0;
    for (int layer = 0; layer < layers; layer++) {
        int in = layer == 0 ? D : H * dirs;
        n += (long) dirs * 3 * (H * in + H * H + 2 * H);
    }
    return n;
}

//// 09-2 alternative: 첫 층과 나머지 층을 한 식으로
long gruParameterCount(int D, int H, int layers, boolean bidirectional) {
    long dirs = bidirectional ? 2 : 1;
    long perDirectionFirst = 3L * (H * D + H * H + 2 * H);
    long perDirectionUpper = 3L * (H * dirs * H + H * H + 2 * H);
    return dirs * (perDirectionFirst + (layers - 1) * perDirectionUpper);
}

//// 09-2 wrong: 둘째 층의 입력 크기를 H로 (양방향이면 2H인데)
long gruParameterCount(int D, int H, int layers, boolean bidirectional) {
    int dirs = bidirectional ? 2 : 1;
    long n = 0;
    for (int layer = 0; layer < layers; layer++) {
        int in = layer == 0 ? D : H;
        n += (long) dirs * 3 * (H * in + H * H + 2 * H);
    }
    return n;
}

//// 09-2 wrong: 모든 층의 입력 크기를 D로
long gruParameterCount(int D, int H, int layers, boolean bidirectional) {
    int dirs = bidirectional ? 2 : 1;
    return (long) layers * dirs * 3 * (H * D + H * H + 2 * H);
}

//// 09-2 wrong: 양방향의 두 번째 방향 가중치를 세지 않음
long gruParameterCount(int D, int H, int layers, boolean bidirectional) {
    int dirs = bidirectional ? 2 : 1;
    long n = 0;
    for (int layer = 0; layer < layers; layer++) {
        int in = layer == 0 ? D : H * dirs;
        n += 3L * (H * in + H * H + 2 * H);
    }
    return n;
}

//// 09-2 wrong: 편향을 묶음마다 하나(H)만 셈
long gruParameterCount(int D, int H, int layers, boolean bidirectional) {
    int dirs = bidirectional ? 2 : 1;
    long n = 0;
    for (int layer = 0; layer < layers; layer++) {
        int in = layer == 0 ? D : H * dirs;
        n += (long) dirs * 3 * (H * in + H * H + H);
    }
    return n;
}
