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

//// 13-2 solution
double accuracyWithRowsMasked(LstmClassifier model, Mnist.Split data, int fromRow, int toRow) {
    int rows = data.images().size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r < toRow) ? 0 : 1;
    Tensor masked = data.images().mul(Tensor.tensor(keep).view(rows, 1));   // (N, 28, 28) × (28, 1): 행마다 0 또는 1
    return accuracy(predict(model, new Mnist.Split(masked, data.labels())), data.labels());
}

//// 13-2 wrong: 행 대신 열을 지움
double accuracyWithRowsMasked(LstmClassifier model, Mnist.Split data, int fromRow, int toRow) {
    int cols = data.images().size(2);
    double[] keep = new double[cols];
    for (int c = 0; c < cols; c++) keep[c] = (c >= fromRow && c < toRow) ? 0 : 1;
    Tensor masked = data.images().mul(Tensor.tensor(keep).view(1, cols));
    return accuracy(predict(model, new Mnist.Split(masked, data.labels())), data.labels());
}

//// 13-2 wrong: toRow까지 포함해서 지움
double accuracyWithRowsMasked(LstmClassifier model, Mnist.Split data, int fromRow, int toRow) {
    int rows = data.images().size(1);
    double[] keep = new double[rows];
    for (int r = 0; r < rows; r++) keep[r] = (r >= fromRow && r <= toRow) ? 0 : 1;
    Tensor masked = data.images().mul(Tensor.tensor(keep).view(rows, 1));
    return accuracy(predict(model, new Mnist.Split(masked, data.labels())), data.labels());
}

//// 13-3 solution
int mostImportantBand(LstmClassifier model, Mnist.Split data, int width) {
    int best = 0;
    double lowest = Double.MAX_VALUE;
    for (int start = 0; start + width <= data.images().size(1); start++) {
        double acc = accuracyWithRowsMasked(model, data, start, start + width);
        if (acc < lowest) {
            lowest = acc;
            best = start;
        }
    }
    return best;
}

//// 13-3 wrong: 정확도가 가장 높은 띠를 고름 (가장 덜 중요한 줄)
int mostImportantBand(LstmClassifier model, Mnist.Split data, int width) {
    int best = 0;
    double highest = -1;
    for (int start = 0; start + width <= 28; start++) {
        double[] keep = new double[28];
        for (int r = 0; r < 28; r++) keep[r] = (r >= start && r < start + width) ? 0 : 1;
        Tensor masked = data.images().mul(Tensor.tensor(keep).view(28, 1));
        double acc = accuracy(predict(model, new Mnist.Split(masked, data.labels())), data.labels());
        if (acc > highest) {
            highest = acc;
            best = start;
        }
    }
    return best;
}
