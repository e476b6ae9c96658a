package rnncourse.exercise;

import java.util.Map;

/**
 * Turns an exception from the student's code into a Korean sentence that names it and says
 * what usually causes it. No stack trace: the student's own cell is the place to look.
 */
final class StudentExceptions {

    private static final Map<String, String> USUAL_CAUSE = Map.ofEntries(
            Map.entry("NullPointerException", "값을 넣지 않은 변수(null)를 사용했습니다."),
            Map.entry("ArrayIndexOutOfBoundsException", "배열의 범위를 벗어난 위치를 읽거나 썼습니다. 인덱스가 0부터 시작하는지 확인하세요."),
            Map.entry("IndexOutOfBoundsException", "범위를 벗어난 위치를 썼습니다. 인덱스와 크기를 확인하세요."),
            Map.entry("IllegalArgumentException", "함수에 맞지 않는 값을 넘겼습니다. 텐서라면 모양(shape)이 맞는지 확인하세요."),
            Map.entry("IllegalStateException", "아직 준비되지 않은 객체를 사용했습니다."),
            Map.entry("ArithmeticException", "0으로 나누었거나 정수 계산이 잘못되었습니다."),
            Map.entry("ClassCastException", "값을 다른 타입으로 잘못 바꾸었습니다."),
            Map.entry("NumberFormatException", "숫자가 아닌 문자열을 숫자로 바꾸려 했습니다."),
            Map.entry("UnsupportedOperationException", "바꿀 수 없는 컬렉션(List.of 등)을 바꾸려 했거나 지원하지 않는 연산입니다."),
            Map.entry("StackOverflowError", "재귀 호출이 끝나지 않습니다. 종료 조건을 확인하세요."),
            Map.entry("OutOfMemoryError", "메모리가 부족합니다. 너무 큰 배열이나 끝없이 자라는 리스트가 없는지 확인하세요."));

    private StudentExceptions() {
    }

    /** @return "코드에서 IllegalArgumentException이 발생했습니다: ... — 힌트" */
    static String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        String detail = failure.getMessage() == null || failure.getMessage().isBlank() ? ""
                : ": " + failure.getMessage().strip();
        StringBuilder sb = new StringBuilder("작성한 코드에서 ").append(name).append("이(가) 발생했습니다").append(detail);
        String cause = usualCause(failure.getClass());
        if (cause != null) {
            sb.append("\n힌트: ").append(cause);
        }
        return sb.toString();
    }

    private static String usualCause(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String cause = USUAL_CAUSE.get(c.getSimpleName());
            if (cause != null) {
                return cause;
            }
        }
        return null;
    }
}
