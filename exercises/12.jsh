// 12_PackedSequence: 연습문제의 풀이, 학생이 쓸 법한 틀린 답, 다르게 쓴 맞는 답 (학생 노트북에는 없습니다).
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

//// 12-1 alternative: 시퀀스마다 자기가 살아 있는 시점 0..L-1의 칸을 1씩 늘림
int[] batchSizes(int[] lengths) {
    int[] sizes = new int[Arrays.stream(lengths).max().orElse(0)];
    for (int length : lengths) {
        for (int t = 0; t < length; t++) sizes[t]++;
    }
    return sizes;
}

//// 12-1 wrong: 정렬되어 있다고 가정하고, 처음으로 끝난 시퀀스에서 세기를 멈춤
int[] batchSizes(int[] lengths) {
    int longest = Arrays.stream(lengths).max().orElse(0);
    int[] sizes = new int[longest];
    for (int t = 0; t < longest; t++) {
        for (int length : lengths) {
            if (length <= t) break;
            sizes[t]++;
        }
    }
    return sizes;
}

//// 12-1 wrong: 시점 수를 시퀀스 개수로 잡음
int[] batchSizes(int[] lengths) {
    int[] sizes = new int[lengths.length];
    for (int t = 0; t < lengths.length; t++) {
        for (int length : lengths) {
            if (length > t) sizes[t]++;
        }
    }
    return sizes;
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

//// 12-2 wrong: 오름차순으로 정렬한 뒤 뒤집음 (같은 길이의 순서까지 뒤집힘)
int[] sortedIndices(int[] lengths) {
    int[] ascending = IntStream.range(0, lengths.length).boxed()
            .sorted(Comparator.comparingInt((Integer i) -> lengths[i]))
            .mapToInt(Integer::intValue).toArray();
    int[] out = new int[ascending.length];
    for (int k = 0; k < out.length; k++) out[k] = ascending[ascending.length - 1 - k];
    return out;
}

int[] unsortedIndices(int[] sortedIndices) {
    int[] inverse = new int[sortedIndices.length];
    for (int k = 0; k < sortedIndices.length; k++) inverse[sortedIndices[k]] = k;
    return inverse;
}

//// 12-2 wrong: 번호 대신 정렬된 길이를 돌려줌
int[] sortedIndices(int[] lengths) {
    return Arrays.stream(lengths).boxed().sorted(Comparator.reverseOrder()).mapToInt(Integer::intValue).toArray();
}

int[] unsortedIndices(int[] sortedIndices) {
    int[] inverse = new int[sortedIndices.length];
    for (int k = 0; k < sortedIndices.length; k++) inverse[sortedIndices[k]] = k;
    return inverse;
}

//// 12-2 alternative: 가장 긴 것을 하나씩 골라 냄 (같은 길이면 앞 번호가 먼저), 역순열은 indexOf로
int[] sortedIndices(int[] lengths) {
    int n = lengths.length;
    boolean[] used = new boolean[n];
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (!used[i] && (best < 0 || lengths[i] > lengths[best])) best = i;
        }
        used[best] = true;
        order[k] = best;
    }
    return order;
}

int[] unsortedIndices(int[] sortedIndices) {
    List<Integer> order = Arrays.stream(sortedIndices).boxed().collect(Collectors.toList());
    return IntStream.range(0, sortedIndices.length).map(order::indexOf).toArray();
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

//// 12-3 wrong: 시퀀스와 시점을 바꿔 읽음 (k번째 시점의 묶음을 돌려줌)
int[] unpackOne(int[] data, int[] batchSizes, int k) {
    int start = 0;
    for (int t = 0; t < k; t++) start += batchSizes[t];
    return Arrays.copyOfRange(data, start, start + batchSizes[k]);
}

//// 12-3 alternative: 묶음의 시작 위치를 누적 합 배열로 먼저 만듦
int[] unpackOne(int[] data, int[] batchSizes, int k) {
    int[] starts = new int[batchSizes.length];
    for (int t = 1; t < batchSizes.length; t++) starts[t] = starts[t - 1] + batchSizes[t - 1];
    int length = 0;
    while (length < batchSizes.length && batchSizes[length] > k) length++;   // batch_sizes는 줄어들기만 함
    int[] out = new int[length];
    for (int t = 0; t < length; t++) out[t] = data[starts[t] + k];
    return out;
}
