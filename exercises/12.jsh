// 12_PackedSequence: 연습문제의 풀이와 일부러 틀린 답 (학생 노트북에는 없습니다).
// 형식은 README의 "연습문제 추가하기"를 보세요. 확인: make solutions NOTEBOOK=12

//// 12-1 solution
int[] batchSizes(int[] lengths) {
    int longest = Arrays.stream(lengths).max().orElse(0);
    int[] sizes = new int[longest];
    for (int t = 0; t < longest; t++) {
        for (int length : lengths) {
            if (length > t) sizes[t]++;
        }
    }
    return sizes;
}

//// 12-1 wrong: L ≥ t로 셈 (시점 하나가 더 생기고 값이 한 칸씩 밀림)
int[] batchSizes(int[] lengths) {
    int longest = Arrays.stream(lengths).max().orElse(0);
    int[] sizes = new int[longest + 1];
    for (int t = 0; t <= longest; t++) {
        for (int length : lengths) {
            if (length >= t) sizes[t]++;
        }
    }
    return sizes;
}

//// 12-1 wrong: batch_sizes 대신 길이를 내림차순으로 돌려줌
int[] batchSizes(int[] lengths) {
    return Arrays.stream(lengths).boxed().sorted(Comparator.reverseOrder()).mapToInt(Integer::intValue).toArray();
}

//// 12-2 solution
int[] sortedIndices(int[] lengths) {
    return IntStream.range(0, lengths.length).boxed()
            .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed())   // 안정 정렬: 같은 길이는 원래 순서
            .mapToInt(Integer::intValue).toArray();
}

int[] unsortedIndices(int[] sortedIndices) {
    int[] inverse = new int[sortedIndices.length];
    for (int k = 0; k < sortedIndices.length; k++) inverse[sortedIndices[k]] = k;
    return inverse;
}

//// 12-2 wrong: 오름차순으로 정렬하고, 역순열 대신 같은 순열을 돌려줌
int[] sortedIndices(int[] lengths) {
    return IntStream.range(0, lengths.length).boxed()
            .sorted(Comparator.comparingInt((Integer i) -> lengths[i]))
            .mapToInt(Integer::intValue).toArray();
}

int[] unsortedIndices(int[] sortedIndices) {
    return sortedIndices.clone();
}

//// 12-2 wrong: 순열은 맞지만 역순열을 만들지 않음
int[] sortedIndices(int[] lengths) {
    return IntStream.range(0, lengths.length).boxed()
            .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed())
            .mapToInt(Integer::intValue).toArray();
}

int[] unsortedIndices(int[] sortedIndices) {
    return sortedIndices.clone();
}

//// 12-3 solution
int[] unpackOne(int[] data, int[] batchSizes, int k) {
    List<Integer> values = new ArrayList<>();
    int start = 0;
    for (int size : batchSizes) {
        if (k < size) values.add(data[start + k]);
        start += size;
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
}

//// 12-3 wrong: data가 시퀀스별로 이어 붙어 있다고 생각함 (가장 긴 길이 간격으로 읽음)
int[] unpackOne(int[] data, int[] batchSizes, int k) {
    int longest = batchSizes.length;
    List<Integer> values = new ArrayList<>();
    for (int t = 0; t < longest && k * longest + t < data.length; t++) values.add(data[k * longest + t]);
    return values.stream().mapToInt(Integer::intValue).toArray();
}

//// 12-3 wrong: 묶음의 시작 위치를 batch_sizes[0] 간격으로 계산함 (묶음이 줄어드는 것을 잊음)
int[] unpackOne(int[] data, int[] batchSizes, int k) {
    List<Integer> values = new ArrayList<>();
    for (int t = 0; t < batchSizes.length; t++) {
        int at = t * batchSizes[0] + k;
        if (k < batchSizes[t] && at < data.length) values.add(data[at]);
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
}
