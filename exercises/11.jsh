// 11_seq2seq_번역: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=11

//// 11-1 solution
double freeRunningLoss(Checks11.Seq2Seq model, Checks11.Pair pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length; t++) {
            Checks11.DecoderStep step = model.decode(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(step.logProbs().argmax(1).toIntArray()[0]);   // 자기 예측을 다음 입력으로
            hidden = step.hidden();
        }
        return sum / tgt.length;
    }
}

//// 11-1 wrong: 여전히 교사 강요 (다음 입력이 정답 단어)
double freeRunningLoss(Checks11.Seq2Seq model, Checks11.Pair pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length; t++) {
            Checks11.DecoderStep step = model.decode(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(tgt[t]);
            hidden = step.hidden();
        }
        return sum / tgt.length;
    }
}

//// 11-1 wrong: <EOS> 단계를 빼고 번역문 단어만 셈
double freeRunningLoss(Checks11.Seq2Seq model, Checks11.Pair pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length - 1; t++) {
            Checks11.DecoderStep step = model.decode(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(step.logProbs().argmax(1).toIntArray()[0]);   // 자기 예측을 다음 입력으로
            hidden = step.hidden();
        }
        return sum / tgt.length - 1;
    }
}

//// 11-1 wrong: 인자 대신 본문의 전역 encoder, decoder를 씀
double freeRunningLoss(Checks11.Seq2Seq model, Checks11.Pair pair) {
    Checks11.Seq2Seq notebookModel = asSeq2Seq(encoder, decoder);
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = notebookModel.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        for (int t = 0; t < tgt.length; t++) {
            Checks11.DecoderStep step = notebookModel.decode(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            input = Tensor.tensorLong(step.logProbs().argmax(1).toIntArray()[0]);   // 자기 예측을 다음 입력으로
            hidden = step.hidden();
        }
        return sum / tgt.length;
    }
}

//// 11-1 wrong: 8절의 translate처럼 <EOS>를 고르면 멈춤
double freeRunningLoss(Checks11.Seq2Seq model, Checks11.Pair pair) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        double sum = 0;
        int steps = 0;
        for (int t = 0; t < tgt.length; t++) {
            Checks11.DecoderStep step = model.decode(input, hidden);
            sum += nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])).item();
            steps++;
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best == Lang.EOS) break;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return sum / steps;
    }
}

//// 11-1 alternative: NLLLoss 대신 정답 단어의 로그 확률을 직접 꺼내 부호를 바꿈
double freeRunningLoss(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        int previous = Lang.SOS;
        double sum = 0;
        for (int answer : pair.target()) {
            Checks11.DecoderStep step = model.decode(Tensor.tensorLong(previous), hidden);
            sum -= step.logProbs().get(0, answer);              // -log p(정답)
            previous = step.logProbs().argmax(1).toIntArray()[0];
            hidden = step.hidden();
        }
        return sum / pair.target().length;
    }
}

//// 11-2 solution
double trainStepWithRatio(Checks11.Seq2Seq model, SGD encOpt, SGD decOpt, Checks11.Pair pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() < ratio;   // 문장마다 한 번
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Checks11.DecoderStep step = model.decode(input, hidden);
        loss = loss.add(nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
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
double trainStepWithRatio(Checks11.Seq2Seq model, SGD encOpt, SGD decOpt, Checks11.Pair pair, double ratio, Random rng) {
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Checks11.DecoderStep step = model.decode(input, hidden);
        loss = loss.add(nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
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
double trainStepWithRatio(Checks11.Seq2Seq model, SGD encOpt, SGD decOpt, Checks11.Pair pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() >= ratio;
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Checks11.DecoderStep step = model.decode(input, hidden);
        loss = loss.add(nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
        int next = teacherForcing ? tgt[t] : step.logProbs().argmax(1).toIntArray()[0];
        input = Tensor.tensorLong(next);
        hidden = step.hidden();
    }
    loss.backward();
    encOpt.step();
    decOpt.step();
    return loss.item() / tgt.length;
}

//// 11-2 wrong: 단계 수로 나눈 손실에 backward (7절과 기울기 크기가 다름)
double trainStepWithRatio(Checks11.Seq2Seq model, SGD encOpt, SGD decOpt, Checks11.Pair pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() < ratio;   // 문장마다 한 번
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Checks11.DecoderStep step = model.decode(input, hidden);
        loss = loss.add(nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
        int next = teacherForcing ? tgt[t] : step.logProbs().argmax(1).toIntArray()[0];
        input = Tensor.tensorLong(next);
        hidden = step.hidden();
    }
    loss.div(tgt.length).backward();
    encOpt.step();
    decOpt.step();
    return loss.item() / tgt.length;
}

//// 11-2 wrong: zeroGrad를 빠뜨려 기울기가 걸음마다 쌓임
double trainStepWithRatio(Checks11.Seq2Seq model, SGD encOpt, SGD decOpt, Checks11.Pair pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() < ratio;   // 문장마다 한 번
    NLLLoss nll = new NLLLoss();
    int[] tgt = pair.target();
    Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    Tensor loss = Tensor.scalar(0);
    for (int t = 0; t < tgt.length; t++) {
        Checks11.DecoderStep step = model.decode(input, hidden);
        loss = loss.add(nll.forward(step.logProbs(), Tensor.tensorLong(tgt[t])));
        int next = teacherForcing ? tgt[t] : step.logProbs().argmax(1).toIntArray()[0];
        input = Tensor.tensorLong(next);
        hidden = step.hidden();
    }
    loss.backward();
    encOpt.step();
    decOpt.step();
    return loss.item() / tgt.length;
}

//// 11-2 alternative: 교사 강요와 자기 예측을 if 문으로 나누고, 손실을 리스트에 모아 한 번에 더함
double trainStepWithRatio(Checks11.Seq2Seq model, SGD encOpt, SGD decOpt, Checks11.Pair pair, double ratio, Random rng) {
    boolean teacherForcing = rng.nextDouble() < ratio;
    NLLLoss nll = new NLLLoss();
    encOpt.zeroGrad();
    decOpt.zeroGrad();
    Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
    Tensor input = Tensor.tensorLong(Lang.SOS);
    List<Tensor> losses = new ArrayList<>();
    for (int answer : pair.target()) {
        Checks11.DecoderStep step = model.decode(input, hidden);
        losses.add(nll.forward(step.logProbs(), Tensor.tensorLong(answer)));
        if (teacherForcing) {
            input = Tensor.tensorLong(answer);
        } else {
            input = step.logProbs().argmax(1);
        }
        hidden = step.hidden();
    }
    Tensor total = Tensor.stack(losses, 0).sum();
    total.backward();
    encOpt.step();
    decOpt.step();
    return total.item() / losses.size();
}

//// 11-3 solution
boolean translatesExactly(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        for (int word : pair.target()) {            // <EOS>까지 정답과 같은 단어를 골라야 정확한 번역
            Checks11.DecoderStep step = model.decode(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best != word) return false;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return true;
    }
}

List<Checks11.RatioResult> measureTeacherForcing(Checks11.Setup setup, double[] ratios) {
    List<Checks11.RatioResult> results = new ArrayList<>();
    List<Checks11.Pair> trainingPairs = setup.pairs();
    for (double ratio : ratios) {
        Tensor.manualSeed(setup.seed());
        Checks11.Seq2Seq model = setup.newModel().get();
        SGD encOpt = new SGD(model.encoderParameters(), setup.learningRate());
        SGD decOpt = new SGD(model.decoderParameters(), setup.learningRate());
        Random rng = new Random(setup.seed());
        double last = 0;
        for (int i = 0; i < setup.iterations(); i++) {
            last = trainStepWithRatio(model, encOpt, decOpt, trainingPairs.get(rng.nextInt(trainingPairs.size())), ratio, rng);
        }
        int exact = 0;
        double lossSum = 0;
        for (Checks11.Pair p : trainingPairs) {
            if (translatesExactly(model, p)) exact++;
            lossSum += freeRunningLoss(model, p);
        }
        results.add(new Checks11.RatioResult(ratio, model, exact, lossSum / trainingPairs.size()));
    }
    return results;
}

//// 11-3 wrong: 자기 예측으로 잰 손실 대신 마지막 학습 걸음의 손실을 기록함
boolean translatesExactly(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        for (int word : pair.target()) {            // <EOS>까지 정답과 같은 단어를 골라야 정확한 번역
            Checks11.DecoderStep step = model.decode(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best != word) return false;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return true;
    }
}

List<Checks11.RatioResult> measureTeacherForcing(Checks11.Setup setup, double[] ratios) {
    List<Checks11.RatioResult> results = new ArrayList<>();
    List<Checks11.Pair> trainingPairs = setup.pairs();
    for (double ratio : ratios) {
        Tensor.manualSeed(setup.seed());
        Checks11.Seq2Seq model = setup.newModel().get();
        SGD encOpt = new SGD(model.encoderParameters(), setup.learningRate());
        SGD decOpt = new SGD(model.decoderParameters(), setup.learningRate());
        Random rng = new Random(setup.seed());
        double last = 0;
        for (int i = 0; i < setup.iterations(); i++) {
            last = trainStepWithRatio(model, encOpt, decOpt, trainingPairs.get(rng.nextInt(trainingPairs.size())), ratio, rng);
        }
        int exact = 0;
        double lossSum = 0;
        for (Checks11.Pair p : trainingPairs) {
            if (translatesExactly(model, p)) exact++;
            lossSum += freeRunningLoss(model, p);
        }
        results.add(new Checks11.RatioResult(ratio, model, exact, last));
    }
    return results;
}

//// 11-3 wrong: 모델을 만들기만 하고 학습하지 않음
boolean translatesExactly(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        for (int word : pair.target()) {            // <EOS>까지 정답과 같은 단어를 골라야 정확한 번역
            Checks11.DecoderStep step = model.decode(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best != word) return false;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return true;
    }
}

List<Checks11.RatioResult> measureTeacherForcing(Checks11.Setup setup, double[] ratios) {
    List<Checks11.RatioResult> results = new ArrayList<>();
    List<Checks11.Pair> trainingPairs = setup.pairs();
    for (double ratio : ratios) {
        Tensor.manualSeed(setup.seed());
        Checks11.Seq2Seq model = setup.newModel().get();
        SGD encOpt = new SGD(model.encoderParameters(), setup.learningRate());
        SGD decOpt = new SGD(model.decoderParameters(), setup.learningRate());
        Random rng = new Random(setup.seed());
        double last = 0;
        for (int i = 0; i < 0; i++) {
            last = trainStepWithRatio(model, encOpt, decOpt, trainingPairs.get(rng.nextInt(trainingPairs.size())), ratio, rng);
        }
        int exact = 0;
        double lossSum = 0;
        for (Checks11.Pair p : trainingPairs) {
            if (translatesExactly(model, p)) exact++;
            lossSum += freeRunningLoss(model, p);
        }
        results.add(new Checks11.RatioResult(ratio, model, exact, lossSum / trainingPairs.size()));
    }
    return results;
}

//// 11-3 wrong: 비율을 무시하고 늘 교사 강요(1.0)로 학습함
boolean translatesExactly(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        for (int word : pair.target()) {            // <EOS>까지 정답과 같은 단어를 골라야 정확한 번역
            Checks11.DecoderStep step = model.decode(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best != word) return false;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return true;
    }
}

List<Checks11.RatioResult> measureTeacherForcing(Checks11.Setup setup, double[] ratios) {
    List<Checks11.RatioResult> results = new ArrayList<>();
    List<Checks11.Pair> trainingPairs = setup.pairs();
    for (double ratio : ratios) {
        Tensor.manualSeed(setup.seed());
        Checks11.Seq2Seq model = setup.newModel().get();
        SGD encOpt = new SGD(model.encoderParameters(), setup.learningRate());
        SGD decOpt = new SGD(model.decoderParameters(), setup.learningRate());
        Random rng = new Random(setup.seed());
        double last = 0;
        for (int i = 0; i < setup.iterations(); i++) {
            last = trainStepWithRatio(model, encOpt, decOpt, trainingPairs.get(rng.nextInt(trainingPairs.size())), 1.0, rng);
        }
        int exact = 0;
        double lossSum = 0;
        for (Checks11.Pair p : trainingPairs) {
            if (translatesExactly(model, p)) exact++;
            lossSum += freeRunningLoss(model, p);
        }
        results.add(new Checks11.RatioResult(ratio, model, exact, lossSum / trainingPairs.size()));
    }
    return results;
}

//// 11-3 wrong: 모델을 한 번만 만들어 모든 비율에서 이어서 학습함
boolean translatesExactly(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        for (int word : pair.target()) {            // <EOS>까지 정답과 같은 단어를 골라야 정확한 번역
            Checks11.DecoderStep step = model.decode(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best != word) return false;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return true;
    }
}

List<Checks11.RatioResult> measureTeacherForcing(Checks11.Setup setup, double[] ratios) {
    List<Checks11.RatioResult> results = new ArrayList<>();
    List<Checks11.Pair> trainingPairs = setup.pairs();
    Tensor.manualSeed(setup.seed());
    Checks11.Seq2Seq model = setup.newModel().get();
    for (double ratio : ratios) {
        SGD encOpt = new SGD(model.encoderParameters(), setup.learningRate());
        SGD decOpt = new SGD(model.decoderParameters(), setup.learningRate());
        Random rng = new Random(setup.seed());
        double last = 0;
        for (int i = 0; i < setup.iterations(); i++) {
            last = trainStepWithRatio(model, encOpt, decOpt, trainingPairs.get(rng.nextInt(trainingPairs.size())), ratio, rng);
        }
        int exact = 0;
        double lossSum = 0;
        for (Checks11.Pair p : trainingPairs) {
            if (translatesExactly(model, p)) exact++;
            lossSum += freeRunningLoss(model, p);
        }
        results.add(new Checks11.RatioResult(ratio, model, exact, lossSum / trainingPairs.size()));
    }
    return results;
}

//// 11-3 alternative: 비율 하나의 실험을 메서드로 떼어 내고 스트림으로 모음
boolean translatesExactly(Checks11.Seq2Seq model, Checks11.Pair pair) {
    try (var ng = Tensor.noGrad()) {
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        for (int word : pair.target()) {            // <EOS>까지 정답과 같은 단어를 골라야 정확한 번역
            Checks11.DecoderStep step = model.decode(input, hidden);
            int best = step.logProbs().argmax(1).toIntArray()[0];
            if (best != word) return false;
            input = Tensor.tensorLong(best);
            hidden = step.hidden();
        }
        return true;
    }
}

Checks11.RatioResult trainWithRatio(Checks11.Setup setup, double ratio) {
    Tensor.manualSeed(setup.seed());
    Checks11.Seq2Seq model = setup.newModel().get();
    SGD encOpt = new SGD(model.encoderParameters(), setup.learningRate());
    SGD decOpt = new SGD(model.decoderParameters(), setup.learningRate());
    Random rng = new Random(setup.seed());
    int n = setup.pairs().size();
    for (int i = 0; i < setup.iterations(); i++) {
        Checks11.Pair pair = setup.pairs().get(rng.nextInt(n));
        trainStepWithRatio(model, encOpt, decOpt, pair, ratio, rng);
    }
    int exact = (int) setup.pairs().stream().filter(p -> translatesExactly(model, p)).count();
    double meanLoss = setup.pairs().stream().mapToDouble(p -> freeRunningLoss(model, p)).average().orElse(Double.NaN);
    return new Checks11.RatioResult(ratio, model, exact, meanLoss);
}

List<Checks11.RatioResult> measureTeacherForcing(Checks11.Setup setup, double[] ratios) {
    return Arrays.stream(ratios).mapToObj(r -> trainWithRatio(setup, r)).collect(Collectors.toList());
}
