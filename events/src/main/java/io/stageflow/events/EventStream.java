package io.stageflow.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the sealed interface of one event stream: the topic its events travel on and the CloudEvents
 * {@code source} of the service that owns it. The record key on the topic is the aggregate id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventStream {

    String topic();

    String source();

    /**
     * Whether this stream's events carry personal data by nature (intake from marketing automation). Such a
     * topic gets a bounded retention; every other stream must carry none.
     */
    boolean personalData() default false;
}
