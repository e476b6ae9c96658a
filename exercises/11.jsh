// 11_seq2seq_번역: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=11

//// 11-1 solution
double freeRunningLoss(Encoder enc, Decoder dec, String[] pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = target.encodeWithEos(pair[1]);
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(pair[0])));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length; t++) {
            Step step = dec.forward(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(step.logProbs().argmax(1).toIntArray()[0]);   // 자기 예측을 다음 입력으로
            hidden = step.hidden();
        }
        return sum / tgt.length;
    }
}

//// 11-1 wrong: 여전히 교사 강요 (다음 입력이 정답 단어)
double freeRunningLoss(Encoder enc, Decoder dec, String[] pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = target.encodeWithEos(pair[1]);
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(pair[0])));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length; t++) {
            Step step = dec.forward(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(tgt[t]);
            hidden = step.hidden();
        }
        return sum / tgt.length;
    }
}

//// 11-1 wrong: <EOS> 단계를 빼고 번역문 단어만 셈
double freeRunningLoss(Encoder enc, Decoder dec, String[] pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = target.encodeWithEos(pair[1]);
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(pair[0])));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length - 1; t++) {
            Step step = dec.forward(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(step.logProbs().argmax(1).toIntArray()[0]);
            hidden = step.hidden();
        }
        return sum / (tgt.length - 1);
    }
}

//// 11-2 solution
double trainStepWithRatio(Encoder enc, Decoder dec, SGD encOpt, SGD decOpt, String[] pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() < ratio;   // 문장마다 한 번
    int[] tgt = target.encodeWithEos(pair[1]);
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(pair[0])));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Step step = dec.forward(input, hidden);
        loss = loss.add(criterion.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
        int next = teacherForcing ? tgt[t] : step.logProbs().argmax(1).toIntArray()[0];
        input = Tensor.tensorLong(next);
        hidden = step.hidden();
    }
    loss.backward();
    encOpt.step();
    decOpt.step();
    return loss.item() / tgt.length;
}

//// 11-2 wrong: 동전을 문장마다가 아니라 시점마다 던짐
double trainStepWithRatio(Encoder enc, Decoder dec, SGD encOpt, SGD decOpt, String[] pair, double ratio, Random rng) {
    int[] tgt = target.encodeWithEos(pair[1]);
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(pair[0])));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Step step = dec.forward(input, hidden);
        loss = loss.add(criterion.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
        int next = rng.nextDouble() < ratio ? tgt[t] : step.logProbs().argmax(1).toIntArray()[0];
        input = Tensor.tensorLong(next);
        hidden = step.hidden();
    }
    loss.backward();
    encOpt.step();
    decOpt.step();
    return loss.item() / tgt.length;
}

//// 11-2 wrong: 조건을 거꾸로 씀 (비율 1이면 교사 강요를 한 번도 쓰지 않음)
double trainStepWithRatio(Encoder enc, Decoder dec, SGD encOpt, SGD decOpt, String[] pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() >= ratio;
    int[] tgt = target.encodeWithEos(pair[1]);
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(pair[0])));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Step step = dec.forward(input, hidden);
        loss = loss.add(criterion.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
        int next = teacherForcing ? tgt[t] : step.logProbs().argmax(1).toIntArray()[0];
        input = Tensor.tensorLong(next);
        hidden = step.hidden();
    }
    loss.backward();
    encOpt.step();
    decOpt.step();
    return loss.item() / tgt.length;
}

//// 11-3 solution
String translateWith(Encoder enc, Decoder dec, String sentence) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(sentence)));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        List<Integer> words = new ArrayList<>();
        for (int t = 0; t < TARGET_MAX_LENGTH; t++) {
            Step step = dec.forward(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best == Lang.EOS) break;
            words.add(best);
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return target.decode(words.stream().mapToInt(Integer::intValue).toArray());
    }
}

List<RatioResult> measureTeacherForcing(double[] ratios, int iterations, long seed) {
    List<RatioResult> results = new ArrayList<>();
    for (double ratio : ratios) {
        Tensor.manualSeed(seed);
        Encoder enc = new Encoder(source.size(), hiddenSize);
        Decoder dec = new Decoder(hiddenSize, target.size());
        SGD encOpt = new SGD(enc.parameters(), 0.01), decOpt = new SGD(dec.parameters(), 0.01);
        Random rng = new Random(seed);
        for (int i = 0; i < iterations; i++) {
            trainStepWithRatio(enc, dec, encOpt, decOpt, pairs.get(rng.nextInt(pairs.size())), ratio, rng);
        }
        int exact = 0;
        double lossSum = 0;
        for (String[] p : pairs) {
            if (translateWith(enc, dec, p[0]).equals(p[1])) exact++;
            lossSum += freeRunningLoss(enc, dec, p);
        }
        results.add(new RatioResult(ratio, enc, dec, exact, lossSum / pairs.size()));
    }
    return results;
}

//// 11-3 wrong: 자기 예측으로 잰 손실 대신 마지막 학습 걸음의 손실을 기록함
String translateWith(Encoder enc, Decoder dec, String sentence) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = enc.forward(Tensor.tensorLong(source.encodeWithEos(sentence)));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        List<Integer> words = new ArrayList<>();
        for (int t = 0; t < TARGET_MAX_LENGTH; t++) {
            Step step = dec.forward(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best == Lang.EOS) break;
            words.add(best);
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return target.decode(words.stream().mapToInt(Integer::intValue).toArray());
    }
}

List<RatioResult> measureTeacherForcing(double[] ratios, int iterations, long seed) {
    List<RatioResult> results = new ArrayList<>();
    for (double ratio : ratios) {
        Tensor.manualSeed(seed);
        Encoder enc = new Encoder(source.size(), hiddenSize);
        Decoder dec = new Decoder(hiddenSize, target.size());
        SGD encOpt = new SGD(enc.parameters(), 0.01), decOpt = new SGD(dec.parameters(), 0.01);
        Random rng = new Random(seed);
        double last = 0;
        for (int i = 0; i < iterations; i++) {
            last = trainStepWithRatio(enc, dec, encOpt, decOpt, pairs.get(rng.nextInt(pairs.size())), ratio, rng);
        }
        int exact = 0;
        for (String[] p : pairs) {
            if (translateWith(enc, dec, p[0]).equals(p[1])) exact++;
        }
        results.add(new RatioResult(ratio, enc, dec, exact, last));
    }
    return results;
}
