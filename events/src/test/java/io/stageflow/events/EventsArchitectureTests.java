package io.stageflow.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.stageflow.events.archcanary.EventWithLogic;
import org.junit.jupiter.api.Test;

/** The contract module stays a contract: JDK and Jackson annotations only, records without behaviour. */
class EventsArchitectureTests {

    static final ArchRule ONLY_JDK_AND_JACKSON_ANNOTATIONS = classes()
            .that()
            .resideInAPackage("io.stageflow.events..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "com.fasterxml.jackson.annotation..", "io.stageflow.events..");

    static final ArchRule NO_BEHAVIOUR = classes()
            .that()
            .resideInAPackage("io.stageflow.events..")
            .should(new ArchCondition<>("hold data only (records without extra methods, constants, annotations)") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    if (type.isInterface() || type.isAnnotation() || type.isEnum()) {
                        boolean logic = type.getMethods().stream()
                                .anyMatch(m -> !m.getModifiers().contains(JavaModifier.ABSTRACT)
                                        && !type.isAnnotation()
                                        && !type.isEnum());
                        if (logic) {
                            events.add(SimpleConditionEvent.violated(
                                    type, type.getName() + " has default or static methods"));
                        }
                        return;
                    }
                    var components = type.isRecord()
                            ? java.util.Arrays.stream(type.reflect().getRecordComponents())
                                    .map(java.lang.reflect.RecordComponent::getName)
                                    .toList()
                            : java.util.List.<String>of();
                    type.getMethods().stream()
                            .filter(m -> !components.contains(m.getName()))
                            .filter(m -> !java.util.Set.of("equals", "hashCode", "toString")
                                    .contains(m.getName()))
                            .forEach(m -> events.add(
                                    SimpleConditionEvent.violated(m, m.getFullName() + " is behaviour in a contract")));
                }
            });

    private final JavaClasses contracts = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stageflow.events");

    @Test
    void eventsDependOnlyOnTheJdkAndJacksonAnnotations() {
        ONLY_JDK_AND_JACKSON_ANNOTATIONS.check(contracts);
    }

    @Test
    void eventsHoldNoLogic() {
        NO_BEHAVIOUR.check(contracts);
    }

    @Test
    void canaryProvesBothRulesFire() {
        JavaClasses canary = new ClassFileImporter().importClasses(EventWithLogic.class);

        assertThat(ONLY_JDK_AND_JACKSON_ANNOTATIONS.evaluate(canary).hasViolation())
                .isTrue();
        assertThat(NO_BEHAVIOUR.evaluate(canary).hasViolation()).isTrue();
    }
}
