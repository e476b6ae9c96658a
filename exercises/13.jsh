// 13_LSTM_MNIST: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=13

//// 13-1 solution
long classifierParameters(int inputSize, int hiddenSize, int numLayers, int numClasses) {
    long total = 0;
    for (int layer = 0; layer < numLayers; layer++) {
        int layerInput = layer == 0 ? inputSize : hiddenSize;
        total += 4L * hiddenSize * layerInput + 4L * hiddenSize * hiddenSize + 2L * 4 * hiddenSize;
    }
    return total + (long) hiddenSize * numClasses + numClasses;
}

//// 13-1 wrong: 편향을 한 벌만 셈 (Keras식 LSTM)
long classifierParameters(int inputSize, int hiddenSize, int numLayers, int numClasses) {
    long total = 0;
    for (int layer = 0; layer < numLayers; layer++) {
        int layerInput = layer == 0 ? inputSize : hiddenSize;
        total += 4L * hiddenSize * layerInput + 4L * hiddenSize * hiddenSize + 4L * hiddenSize;
    }
    return total + (long) hiddenSize * numClasses + numClasses;
}

//// 13-1 wrong: 모든 층의 입력을 inputSize로 셈
long classifierParameters(int inputSize, int hiddenSize, int numLayers, int numClasses) {
    long perLayer = 4L * hiddenSize * inputSize + 4L * hiddenSize * hiddenSize + 8L * hiddenSize;
    return numLayers * perLayer + (long) hiddenSize * numClasses + numClasses;
}

//// 13-1 wrong: Linear의 편향을 빠뜨림
long classifierParameters(int inputSize, int hiddenSize, int numLayers, int numClasses) {
    long total = 0;
    for (int layer = 0; layer < numLayers; layer++) {
        int layerInput = layer == 0 ? inputSize : hiddenSize;
        total += 4L * hiddenSize * (layerInput + hiddenSize) + 8L * hiddenSize;
    }
    return total + (long) hiddenSize * numClasses;
}

//// 13-1 wrong: 본문에 찍힌 파라미터 수를 그대로 돌려줌
long classifierParameters(int inputSize, int hiddenSize, int numLayers, int numClasses) {
    return 214_282;
}

//// 13-1 alternative: 첫 층과 나머지 층을 따로 센 닫힌 식
long classifierParameters(int inputSize, int hiddenSize, int numLayers, int numClasses) {
    long h = hiddenSize;
    long firstLayer = 4 * h * (inputSize + h + 2);
    long otherLayers = (numLayers - 1) * 4 * h * (h + h + 2);
    return firstLayer + otherLayers + (h + 1) * numClasses;
}

//// 13-2 solution
double accuracyWithRowsMasked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    Tensor masked = images.mul(Tensor.tensor(keep).view(rows, 1));   // (N, 행, 열) × (행, 1): 행마다 0 또는 1
    int[] predicted;
    try (var ng = Tensor.noGrad()) {
        predicted = model.apply(masked).argmax(1).toIntArray();
    }
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

//// 13-2 wrong: 행 대신 열을 지움
double accuracyWithRowsMasked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int cols = images.size(2);
    double[] keep = new double[cols];
    for (int c = 0; c < cols; c++) keep[c] = (c >= fromRow && c < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(1, cols))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

//// 13-2 wrong: toRow까지 포함해서 지움
double accuracyWithRowsMasked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r <= toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

//// 13-2 wrong: 원래 이미지 텐서의 픽셀을 직접 0으로 바꿈
double accuracyWithRowsMasked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    for (int n = 0; n < images.size(0); n++)
        for (int r = fromRow; r < toRow; r++)
            for (int c = 0; c < images.size(2); c++) images.set(0, n, r, c);
    int[] predicted = model.apply(images).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

//// 13-2 wrong: 마스크를 거꾸로 만듦 (띠만 남기고 나머지를 지움)
double accuracyWithRowsMasked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 1 : 0;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

//// 13-2 alternative: 복사본의 행을 0으로 채우고, 정확도를 텐서 연산으로 셈
double accuracyWithRowsMasked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    Tensor masked = images.copy();
    for (int n = 0; n < masked.size(0); n++)
        for (int r = fromRow; r < toRow; r++)
            for (int c = 0; c < masked.size(2); c++) masked.set(0, n, r, c);
    Tensor predicted = model.apply(masked).argmax(1);
    int correct = 0;
    for (int i = 0; i < labels.size(0); i++) if (predicted.get(i) == labels.get(i)) correct++;
    return correct / (double) labels.size(0);
}

//// 13-3 solution
int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 0;
    double lowest = Double.MAX_VALUE;
    for (int start = 0; start + width <= images.size(1); start++) {
        double acc = accuracyWithRowsMasked(model, images, labels, start, start + width);
        if (acc < lowest) {
            lowest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 wrong: 정확도가 가장 높은 띠를 고름 (가장 덜 중요한 줄)
// 13-2가 같은 라운드에서 틀린 답일 수 있으므로, 이 틀린 답은 올바른 지우기를 스스로 갖고 있습니다
double maskedAccuracy(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 0;
    double highest = -1;
    for (int start = 0; start + width <= images.size(1); start++) {
        double acc = maskedAccuracy(model, images, labels, start, start + width);
        if (acc > highest) {
            highest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 wrong: 같은 정확도면 나중 띠로 바꿈 (<=)
// 13-2가 같은 라운드에서 틀린 답일 수 있으므로, 이 틀린 답은 올바른 지우기를 스스로 갖고 있습니다
double maskedAccuracy(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 0;
    double lowest = Double.MAX_VALUE;
    for (int start = 0; start + width <= images.size(1); start++) {
        double acc = maskedAccuracy(model, images, labels, start, start + width);
        if (acc <= lowest) {
            lowest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 wrong: 시작 행 대신 띠의 끝 행을 돌려줌
// 13-2가 같은 라운드에서 틀린 답일 수 있으므로, 이 틀린 답은 올바른 지우기를 스스로 갖고 있습니다
double maskedAccuracy(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 0;
    double lowest = Double.MAX_VALUE;
    for (int start = 0; start + width <= images.size(1); start++) {
        double acc = maskedAccuracy(model, images, labels, start, start + width);
        if (acc < lowest) {
            lowest = acc;
            best = start + width - 1;
        }
    }
    return best;
}

//// 13-3 wrong: MNIST처럼 행이 28개라고 정해 둠
// 13-2가 같은 라운드에서 틀린 답일 수 있으므로, 이 틀린 답은 올바른 지우기를 스스로 갖고 있습니다
double maskedAccuracy(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 0;
    double lowest = Double.MAX_VALUE;
    for (int start = 0; start <= 28 - width; start++) {
        double acc = maskedAccuracy(model, images, labels, start, start + width);
        if (acc < lowest) {
            lowest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 wrong: 마지막 띠를 빠뜨림 (start < 행 수 - width)
// 13-2가 같은 라운드에서 틀린 답일 수 있으므로, 이 틀린 답은 올바른 지우기를 스스로 갖고 있습니다
double maskedAccuracy(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 0;
    double lowest = Double.MAX_VALUE;
    for (int start = 0; start < images.size(1) - width; start++) {
        double acc = maskedAccuracy(model, images, labels, start, start + width);
        if (acc < lowest) {
            lowest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 wrong: 시작 행을 1부터 훑음 (맨 위 띠를 빠뜨림)
// 13-2가 같은 라운드에서 틀린 답일 수 있으므로, 이 틀린 답은 올바른 지우기를 스스로 갖고 있습니다
double maskedAccuracy(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) {
    int rows = images.size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    int[] predicted = model.apply(images.mul(Tensor.tensor(keep).view(rows, 1))).argmax(1).toIntArray();
    int[] y = labels.toIntArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) if (predicted[i] == y[i]) correct++;
    return (double) correct / y.length;
}

int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int best = 1;
    double lowest = Double.MAX_VALUE;
    for (int start = 1; start <= images.size(1) - width; start++) {
        double acc = maskedAccuracy(model, images, labels, start, start + width);
        if (acc < lowest) {
            lowest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 alternative: 띠마다의 정확도를 배열에 모은 뒤 뒤에서부터 최솟값을 찾음 (같으면 앞쪽으로 옮김)
int mostImportantBand(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) {
    int bands = images.size(1) - width + 1;
    double[] acc = new double[bands];
    for (int start = 0; start < bands; start++) acc[start] = accuracyWithRowsMasked(model, images, labels, start, start + width);
    int best = bands - 1;
    for (int start = bands - 1; start >= 0; start--) if (acc[start] <= acc[best]) best = start;
    return best;
}
