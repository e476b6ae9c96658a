// 03_nn_RNN_기초: 연습문제의 풀이, 학생이 쓸 법한 틀린 답, 다르게 쓴 맞는 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=03

//// 03-1 solution
int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst) {
    int directions = bi ? 2 : 1;
    int[] output = batchFirst ? new int[]{batch, seq, directions * hidden} : new int[]{seq, batch, directions * hidden};
    return new int[][]{output, {layers * directions, batch, hidden}};
}

//// 03-1 alternative: 모양을 목록으로 쌓고, seq-first면 앞 두 축을 맞바꿈
int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst) {
    int[] output = {batch, seq, bi ? 2 * hidden : hidden};
    if (!batchFirst) {
        int first = output[0];
        output[0] = output[1];
        output[1] = first;
    }
    int[] hN = {bi ? 2 * layers : layers, batch, hidden};
    return new int[][]{output, hN};
}

//// 03-1 wrong: h_n도 batchFirst를 따른다고 봄
int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst) {
    int directions = bi ? 2 : 1;
    int[] output = batchFirst ? new int[]{batch, seq, directions * hidden} : new int[]{seq, batch, directions * hidden};
    int[] hN = batchFirst ? new int[]{batch, layers * directions, hidden} : new int[]{layers * directions, batch, hidden};
    return new int[][]{output, hN};
}

//// 03-1 wrong: 양방향의 output이 두 방향을 이어 붙인다는 것을 잊음
int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst) {
    int directions = bi ? 2 : 1;
    int[] output = batchFirst ? new int[]{batch, seq, hidden} : new int[]{seq, batch, hidden};
    return new int[][]{output, {layers * directions, batch, hidden}};
}

//// 03-1 wrong: h_n의 첫 축에 방향 수를 곱하지 않음 (층 수만)
int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst) {
    int directions = bi ? 2 : 1;
    int[] output = batchFirst ? new int[]{batch, seq, directions * hidden} : new int[]{seq, batch, directions * hidden};
    return new int[][]{output, {layers, batch, hidden}};
}

//// 03-1 wrong: output이 층마다의 은닉 상태를 이어 붙인다고 봄 (마지막 축이 layers·dirs·hidden)
int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst) {
    int directions = bi ? 2 : 1;
    int last = layers * directions * hidden;
    int[] output = batchFirst ? new int[]{batch, seq, last} : new int[]{seq, batch, last};
    return new int[][]{output, {layers * directions, batch, hidden}};
}

//// 03-2 solution
String sequenceSeenSeqFirst(String[] words, int b) {
    StringBuilder seen = new StringBuilder();
    for (String w : words) seen.append(w.charAt(b));   // 시간 t의 입력 = t번째 단어의 b번째 글자
    return seen.toString();
}

//// 03-2 alternative: 스트림으로 단어마다 b번째 글자를 모음
String sequenceSeenSeqFirst(String[] words, int b) {
    return Arrays.stream(words).map(w -> String.valueOf(w.charAt(b))).collect(Collectors.joining());
}

//// 03-2 wrong: batch-first로 읽었다고 생각함 (b번째 단어)
String sequenceSeenSeqFirst(String[] words, int b) {
    return words[b];
}

//// 03-2 wrong: 글자는 맞게 모았지만 단어 순서를 거꾸로 읽음
String sequenceSeenSeqFirst(String[] words, int b) {
    StringBuilder seen = new StringBuilder();
    for (int t = words.length - 1; t >= 0; t--) seen.append(words[t].charAt(b));
    return seen.toString();
}

//// 03-2 wrong: 시간을 1부터 셈 (0번 단어의 글자를 빠뜨림)
String sequenceSeenSeqFirst(String[] words, int b) {
    StringBuilder seen = new StringBuilder();
    for (int t = 1; t < words.length; t++) seen.append(words[t].charAt(b));
    return seen.toString();
}
