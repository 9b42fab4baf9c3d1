package io.stageflow.survey.surveys;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Common pulse questions in English and German, ready to pick by key. The eNPS wording is the standard one,
 * so results compare with published benchmarks.
 */
public final class QuestionBank {

    public static final List<String> LANGUAGES = List.of("en", "de");

    /** A question of the bank with its wording per language. */
    public record BankQuestion(
            String key, QuestionType type, Map<String, String> text, Map<String, List<String>> options) {

        public Question in(String language, String id, boolean required) {
            return new Question(id, type, text.get(language), options.getOrDefault(language, List.of()), required);
        }
    }

    static final BankQuestion ENPS = new BankQuestion(
            "enps",
            QuestionType.SCALE_0_10,
            Map.of(
                    "en", "How likely is it that you would recommend our company as a place to work?",
                    "de", "Wie wahrscheinlich ist es, dass Sie unser Unternehmen als Arbeitgeber weiterempfehlen?"),
            Map.of());

    static final BankQuestion ENPS_WHY = new BankQuestion(
            "enps-why",
            QuestionType.FREE_TEXT,
            Map.of(
                    "en", "What is the main reason for your score?",
                    "de", "Was ist der wichtigste Grund für Ihre Bewertung?"),
            Map.of());

    private static final List<BankQuestion> PULSE = List.of(
            likert("workload", "My workload is manageable.", "Meine Arbeitsbelastung ist gut zu bewältigen."),
            likert("recognition", "I receive recognition for good work.", "Ich erhalte Anerkennung für gute Arbeit."),
            likert(
                    "growth",
                    "I have opportunities to learn and grow here.",
                    "Ich habe hier Möglichkeiten, zu lernen und mich weiterzuentwickeln."),
            likert("manager-support", "My manager supports me.", "Meine Führungskraft unterstützt mich."),
            likert("collaboration", "My team works well together.", "Mein Team arbeitet gut zusammen."),
            likert(
                    "purpose",
                    "I understand how my work contributes to our goals.",
                    "Ich verstehe, wie meine Arbeit zu unseren Zielen beiträgt."),
            likert(
                    "tools",
                    "I have the tools and resources I need to do my job.",
                    "Ich habe die Werkzeuge und Mittel, die ich für meine Arbeit brauche."),
            new BankQuestion(
                    "wellbeing",
                    QuestionType.SCALE_0_10,
                    Map.of(
                            "en", "How would you rate your wellbeing at work this week?",
                            "de", "Wie bewerten Sie Ihr Wohlbefinden bei der Arbeit in dieser Woche?"),
                    Map.of()),
            new BankQuestion(
                    "mood",
                    QuestionType.SINGLE_CHOICE,
                    Map.of(
                            "en", "How do you feel about your work this week?",
                            "de", "Wie fühlen Sie sich diese Woche mit Ihrer Arbeit?"),
                    Map.of(
                            "en", List.of("Great", "Good", "Okay", "Not good"),
                            "de", List.of("Sehr gut", "Gut", "Geht so", "Nicht gut"))),
            new BankQuestion(
                    "stay",
                    QuestionType.YES_NO,
                    Map.of(
                            "en", "Do you see yourself working here in a year?",
                            "de", "Sehen Sie sich in einem Jahr noch hier arbeiten?"),
                    Map.of()),
            new BankQuestion(
                    "improve",
                    QuestionType.FREE_TEXT,
                    Map.of("en", "What could we do better?", "de", "Was könnten wir besser machen?"),
                    Map.of()));

    private QuestionBank() {}

    public static List<BankQuestion> pulseQuestions() {
        return PULSE;
    }

    public static Optional<BankQuestion> find(String key) {
        return PULSE.stream().filter(q -> q.key().equals(key)).findFirst();
    }

    public static String language(String requested) {
        return requested == null ? "en" : requested.strip().toLowerCase(Locale.ROOT);
    }

    private static BankQuestion likert(String key, String english, String german) {
        return new BankQuestion(key, QuestionType.LIKERT_5, Map.of("en", english, "de", german), Map.of());
    }
}
